namespace Kiosk.Queue.Results;

public sealed record DayCloseResult(DateOnly BusinessDay, bool Succeeded, int ExpiredTickets, QueueError? Error);

public sealed record WaitEstimate(string ServiceCode, int PeopleWaiting, int OpenCounters, TimeSpan? EstimatedWait);

public sealed record RetentionReport(IReadOnlyList<DateOnly> DaysArchived, IReadOnlyList<string> Files, int TicketsDeleted);
