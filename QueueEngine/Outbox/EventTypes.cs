namespace Kiosk.Queue.Outbox;

public static class EventTypes
{
    public const string DayOpened = "day.opened";
    public const string DayClosed = "day.closed";

    /// <summary>The daily recap (rekap harian) of a closed day; informational, it changes no queue state.</summary>
    public const string DayRecap = "day.recap";
    public const string TicketIssued = "ticket.issued";
    public const string TicketPrinted = "ticket.printed";
    public const string TicketPrintFailed = "ticket.printFailed";
    public const string TicketVoided = "ticket.voided";
    public const string TicketCalled = "ticket.called";
    public const string TicketRecalled = "ticket.recalled";
    public const string TicketSkipped = "ticket.skipped";
    public const string TicketNoShow = "ticket.noShow";
    public const string TicketReturned = "ticket.returned";
    public const string TicketServed = "ticket.served";
    public const string TicketTransferred = "ticket.transferred";
    public const string TicketCancelled = "ticket.cancelled";
    public const string TicketExpired = "ticket.expired";
    public const string CounterPaused = "counter.paused";
    public const string CounterResumed = "counter.resumed";
}
