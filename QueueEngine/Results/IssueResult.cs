using System.Diagnostics.CodeAnalysis;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

public sealed record IssueResult
{
    [MemberNotNullWhen(true, nameof(Ticket))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Ticket is not null;
    public Ticket? Ticket { get; init; }
    public QueueError? Error { get; init; }
    /// <summary>Tickets of the same service waiting before this one.</summary>
    public int PeopleAhead { get; init; }
    /// <summary>From recent service times, open counters and people ahead; null when no counter for the service is open.</summary>
    public TimeSpan? EstimatedWait { get; init; }
    public string ServiceName { get; init; } = "";
    /// <summary>What to bring, for the category and payer (printed on the ticket).</summary>
    public IReadOnlyList<string> WhatToBring { get; init; } = [];

    internal static IssueResult Fail(QueueError error) => new() { Error = error };
}
