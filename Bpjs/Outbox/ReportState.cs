namespace Kiosk.Bpjs.Outbox;

/// <summary>Where a report is; stored as the kebab-case word of <see cref="ReportOutbox"/>.</summary>
public enum ReportState
{
    /// <summary>Not yet taken by BPJS; sent when due and when no earlier report of its ticket waits.</summary>
    Pending,

    Delivered,

    /// <summary>BPJS had it already ("already exists", "already called"): done, not a duplicate.</summary>
    AlreadyDone,

    /// <summary>Refused for good (by BPJS, or by the bridge when the kiosk has no card); the ticket's later reports stop too.</summary>
    Refused,
}
