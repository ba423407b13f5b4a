namespace Kiosk.Contract.Commands;

/// <summary>
/// What loket N publishes on <c>queue/{site}/counter/{N}/command</c>. The counter is the N of the topic, never a field:
/// the broker ACL lets only <c>counter-N</c> write there. Optional fields may be absent or null, which mean the same.
/// </summary>
public sealed record CounterCommandMessage
{
    /// <summary>Optional on commands (absent is read as this major version); the kiosk refuses another major version.</summary>
    public string? ContractVersion { get; init; } = Contract.ContractVersion.Current;

    /// <summary>Unique per press, at most 100 characters: a repeated id runs once and gets the same reply again.</summary>
    public required string CommandId { get; init; }

    public required CommandType Type { get; init; }

    /// <summary>When the officer pressed; a command older than the age limit is refused rather than run late.</summary>
    public DateTimeOffset? SentAt { get; init; }

    public string? TicketNumber { get; init; }

    public Guid? TicketId { get; init; }

    /// <summary>transfer: the poli code.</summary>
    public string? Poli { get; init; }

    /// <summary>emergency and issue: the service or poli code.</summary>
    public string? Service { get; init; }

    /// <summary>emergency: default unknown (not asked).</summary>
    public PatientCategory? Category { get; init; }

    /// <summary>emergency: default unknown (not asked).</summary>
    public Payer? Payer { get; init; }

    /// <summary>emergency: default none.</summary>
    public PriorityKind? Priority { get; init; }

    /// <summary>emergency: 1-20, default 1.</summary>
    public int? FamilySize { get; init; }

    /// <summary>emergency: the officer's reason, for the recap.</summary>
    public string? Reason { get; init; }

    public const int MaxCommandIdLength = 100;
}
