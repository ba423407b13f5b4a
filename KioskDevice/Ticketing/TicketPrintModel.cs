using Kiosk.Queue.Model;

namespace Kiosk.Device.Ticketing;

/// <summary>Everything printed on one ticket, gathered by the issue flow from the queue engine's answer.</summary>
public sealed record TicketPrintModel(
    Ticket Ticket,
    string ServiceName,
    int PeopleAhead,
    TimeSpan? EstimatedWait,
    IReadOnlyList<string> WhatToBring,
    bool IsReprint = false);
