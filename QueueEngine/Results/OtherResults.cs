namespace Kiosk.Queue.Results;

public sealed record DayCloseResult(DateOnly BusinessDay, bool Succeeded, int ExpiredTickets, QueueError? Error);

public sealed record WaitEstimate(string ServiceCode, int PeopleWaiting, int OpenCounters, TimeSpan? EstimatedWait);

/// <param name="DaysStillDue">Older days left for the next call when a bounded run stopped early.</param>
public sealed record RetentionReport(IReadOnlyList<DateOnly> DaysArchived, IReadOnlyList<string> Files, int TicketsDeleted, int DaysStillDue);
