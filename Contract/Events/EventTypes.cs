namespace Kiosk.Contract.Events;

/// <summary>
/// The <c>type</c> of an event on <c>queue/{site}/events</c>: <c>{subject}.{verb}</c>, the verb in kebab-case like every
/// enum string of the contract. <see cref="DataKind"/> says which data type each one carries.
/// </summary>
public static class EventTypes
{
    public const string DayOpened = "day.opened";
    public const string DayClosed = "day.closed";

    /// <summary>The daily recap (rekap harian) of a closed day; informational, it changes no queue state.</summary>
    public const string DayRecap = "day.recap";
    public const string TicketIssued = "ticket.issued";

    /// <summary>
    /// A Mobile JKN booking took a number of its day (<see cref="BookingData"/>, not <see cref="TicketData"/>): the
    /// patient is not in the building yet, so the ticket is in no queue until it checks in (then <c>ticket.checked-in</c>).
    /// A minor addition to contract 1.x: a consumer that does not know it skips it and loses nothing it shows.
    /// </summary>
    public const string TicketBooked = "ticket.booked";

    /// <summary>
    /// A booking's patient scanned its code (or card) at the kiosk: the ticket enters its service's queue at
    /// <see cref="TicketData.QueuePosition"/> and prints (<c>ticket.printed</c> follows). A minor addition to contract 1.x.
    /// </summary>
    public const string TicketCheckedIn = "ticket.checked-in";
    public const string TicketPrinted = "ticket.printed";
    public const string TicketPrintFailed = "ticket.print-failed";
    public const string TicketVoided = "ticket.voided";
    public const string TicketCalled = "ticket.called";
    public const string TicketRecalled = "ticket.recalled";
    public const string TicketSkipped = "ticket.skipped";
    public const string TicketNoShow = "ticket.no-show";
    public const string TicketReturned = "ticket.returned";
    public const string TicketServed = "ticket.served";
    public const string TicketTransferred = "ticket.transferred";
    public const string TicketCancelled = "ticket.cancelled";
    public const string TicketExpired = "ticket.expired";
    public const string CounterPaused = "counter.paused";
    public const string CounterResumed = "counter.resumed";

    /// <summary>Every event type, in the order of the document.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DayOpened, DayClosed, DayRecap, TicketIssued, TicketBooked, TicketCheckedIn, TicketPrinted, TicketPrintFailed, TicketVoided, TicketCalled,
        TicketRecalled, TicketSkipped, TicketNoShow, TicketReturned, TicketServed, TicketTransferred, TicketCancelled,
        TicketExpired, CounterPaused, CounterResumed,
    ];

    /// <summary>The type of <c>data</c> an event type carries; null for a type this version does not know.</summary>
    public static Type? DataKind(string type) => type switch
    {
        DayOpened or DayClosed => typeof(DayData),
        DayRecap => typeof(DayRecapData),
        TicketBooked => typeof(BookingData),
        CounterPaused or CounterResumed => typeof(CounterData),
        _ when type.StartsWith("ticket.", StringComparison.Ordinal) && All.Contains(type) => typeof(TicketData),
        _ => null,
    };
}
