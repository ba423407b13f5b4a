using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Events;
using Kiosk.Queue.Engine;
using Kiosk.Queue.Model;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;
using Kiosk.Queue.Text;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue;

/// <summary>
/// Mobile JKN bookings. The fair order (README, "Mobile JKN: urutan yang adil"): a booking takes the next number of its
/// service when it is booked, like a walk-in pressing the button then; it is in no queue until the patient checks in
/// at the kiosk (call-next passes over it without marking it); checked in before a later number of its service was
/// called, it keeps its number's place; checked in after, it queues behind everyone waiting then, as a walk-in arriving
/// then would, keeping its printed number. Never checked in, it expires at the day close like any open ticket.
/// </summary>
/// <remarks>
/// A booking is for the running business day (while it is open) or one of the next
/// <see cref="QueueEngineOptions.BookingDaysAhead"/> days. A later day's bookings take that day's first numbers in the
/// order they are booked and are kept apart (<c>advance_bookings</c>) until the day opens; its opening turns them into
/// the day's first tickets (a <c>ticket.booked</c> each, saying when it was booked) in the same transaction, so walk-ins
/// number after them. One booking per card, service and day; the bridge's ticket id makes a repeated request book once.
/// </remarks>
public sealed partial class QueueEngine
{
    private const int JknCardNumberLength = 13;

    /// <summary>Takes today's next number of the service for a Mobile JKN booking (committed and published as <c>ticket.booked</c>).</summary>
    public BookingResult Book(BookingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJknCardNumber(request.CardNumber))
        {
            return BookingResult.Fail(BpjsErrorCode.BadRequest, Teks.Booking.CardNumberInvalid);
        }

        if (request.TicketId == Guid.Empty)
        {
            return BookingResult.Fail(BpjsErrorCode.BadRequest, Teks.Booking.TicketIdTaken);
        }

        if (!TryBookableQueue(request.ServiceCode, out var queue))
        {
            return BookingResult.Fail(BpjsErrorCode.UnknownService, Teks.Booking.NotBookable(request.ServiceCode ?? string.Empty));
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            if (_tickets.TryGetValue(request.TicketId, out var same) || _advanceBookings.TryGetValue(request.TicketId, out same))
            {
                // The same request asked again after a lost reply: the booking it made, once.
                return same.IsBooking && same.ServiceCode == queue.Code && same.CardData?.Number == request.CardNumber && same.BusinessDay == request.VisitDate
                    ? BookingResult.Ok(same, Teks.Booking.Booked(same.Number, same.BusinessDay))
                    : BookingResult.Fail(BpjsErrorCode.BadRequest, Teks.Booking.TicketIdTaken);
            }

            var (first, last) = BookableDaysNow();
            if (request.VisitDate < first || request.VisitDate > last)
            {
                return BookingResult.Fail(BpjsErrorCode.DateNotBookable, Teks.Booking.BookableDays(_day.Day, first, last));
            }

            if (FindBookingOf(queue.Code, request.VisitDate, request.CardNumber) is { } held)
            {
                return BookingResult.Fail(BpjsErrorCode.AlreadyBooked, Teks.Booking.AlreadyBooked(held.Number), held);
            }

            if (request.VisitDate > _day.Day)
            {
                return BookAhead(request, queue, now);
            }

            var change = new ChangeSet();
            var created = NewTicket(queue, now, change, PatientCategory.Unknown, Payer.Bpjs, PriorityKind.None, 1,
                new CardData(CardKind.Bpjs, request.CardNumber), TicketSource.Booking, PrintState.Pending, emergency: false, transferredFrom: null);
            if (created.Error is { } error)
            {
                // Day closed or its numbers used up (kuota habis): the day takes no more bookings.
                return BookingResult.Fail(BpjsErrorCode.DateNotBookable, error.Message);
            }

            var ticket = created.Ticket! with { Id = request.TicketId };
            change.Tickets[ticket.Id] = ticket;
            change.Events.Add((EventTypes.TicketBooked, BookedEvent(ticket, now)));
            Commit(change, now);
            return BookingResult.Ok(ticket, Teks.Booking.Booked(ticket.Number, ticket.BusinessDay));
        }
    }

    /// <summary>The first and the last day a booking may be for now: the running day while it is open, and the days ahead.</summary>
    public (DateOnly First, DateOnly Last) BookableDays()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            RollIfDue(Now());
            return BookableDaysNow();
        }
    }

    private (DateOnly First, DateOnly Last) BookableDaysNow() =>
        (_day.ClosedAtMs is null ? _day.Day : _day.Day.AddDays(1), _day.Day.AddDays(_config.Options.BookingDaysAhead));

    /// <summary>A booking for a later day: that day's next number of the service, held apart until the day opens (no event yet).</summary>
    private BookingResult BookAhead(BookingRequest request, Configuration.QueueDefinition queue, DateTimeOffset now)
    {
        var taken = _advanceBookings.Values.Where(b => b.BusinessDay == request.VisitDate && b.ServiceCode == queue.Code)
            .Select(b => (int?)b.SequenceNumber).Max();
        if (NextNumber(queue, taken, emergency: false, out var next) is { } quota)
        {
            return BookingResult.Fail(BpjsErrorCode.DateNotBookable, quota.Message);
        }

        var booking = new Ticket
        {
            Id = request.TicketId,
            Number = queue.FormatNumber(next),
            SequenceNumber = next,
            ServiceCode = queue.Code,
            BusinessDay = request.VisitDate,
            Category = PatientCategory.Unknown,
            Payer = Payer.Bpjs,
            Priority = PriorityKind.None,
            State = TicketState.Waiting,
            PrintState = PrintState.Pending,
            Source = TicketSource.Booking,
            IsEmergency = false,
            FamilySize = 1,
            CardData = new CardData(CardKind.Bpjs, request.CardNumber),
            // When it was booked; its day's opening issues it (IssuedAt then) and its queue key.
            IssuedAt = now,
            QueueKey = 0,
            PatientToken = Kiosk.Contract.Events.PatientToken.New(),
        };
        var change = new ChangeSet();
        change.AdvanceBookings[booking.Id] = booking;
        Commit(change, now);
        return BookingResult.Ok(booking, Teks.Booking.Booked(booking.Number, booking.BusinessDay));
    }

    /// <summary>
    /// The day's opening: the bookings made for it on earlier days become its first tickets, in number order, each with
    /// the <c>ticket.booked</c> it would have had (and its <c>ticket.cancelled</c> when BPJS cancelled it before the day),
    /// so everyone reading the wire sees the day's numbers from its start. Bookings of a day the kiosk never opened (it
    /// was off all that day) are dropped: their day is over.
    /// </summary>
    private (int Booked, int Missed) OpenAdvanceBookings(DateOnly day, DateTimeOffset now, ChangeSet change)
    {
        var booked = 0;
        var missed = 0;
        foreach (var booking in _advanceBookings.Values.Where(b => b.BusinessDay <= day).OrderBy(b => b.ServiceCode, StringComparer.Ordinal).ThenBy(b => b.SequenceNumber))
        {
            if (booking.BusinessDay < day)
            {
                missed++;
                continue;
            }

            var ticket = booking with
            {
                IssuedAt = now,
                FinishedAt = booking.State == TicketState.Waiting ? null : now,
                // The sequence of its own ticket.booked event: ahead of every walk-in of the day.
                QueueKey = _sequence + change.Events.Count + 1,
            };
            change.Tickets[ticket.Id] = ticket;
            change.Events.Add((EventTypes.TicketBooked, BookedEvent(ticket, booking.IssuedAt)));
            if (ticket.State == TicketState.Cancelled)
            {
                change.Events.Add((EventTypes.TicketCancelled, ticket));
            }

            booked++;
        }

        if (booked + missed > 0)
        {
            change.AdvanceBookingsDoneThrough = day;
        }

        return (booked, missed);
    }

    private static BookingData BookedEvent(Ticket ticket, DateTimeOffset bookedAt) => new()
    {
        TicketId = ticket.Id,
        Number = ticket.Number,
        ServiceCode = ticket.ServiceCode,
        BusinessDay = ticket.BusinessDay,
        Payer = ticket.Payer,
        BookedAt = bookedAt.ToWire(),
    };

    /// <summary>Mobile JKN "batal antrean": BPJS cancels the card's booking; the event says so, and the bridge reports nothing back.</summary>
    public BookingResult CancelBooking(string serviceCode, DateOnly visitDate, string cardNumber, string? reason)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            if (Locate(serviceCode, visitDate, cardNumber) is { Succeeded: false } missing)
            {
                return missing;
            }

            // Cancelled before (asked again after a lost reply, or by the officer): finished, with its state said.
            var booking = FindBookingOf(serviceCode, visitDate, cardNumber) ?? LatestCancelledBookingOf(serviceCode, visitDate, cardNumber)!;
            if (booking.State != TicketState.Waiting)
            {
                return BookingResult.Fail(BpjsErrorCode.BookingFinished, Teks.Booking.CannotCancel(booking.Number, QueueError.StateText(booking.State)), booking);
            }

            var cancelled = booking with
            {
                State = TicketState.Cancelled,
                FinishedAt = now,
                CancelledByBpjs = true,
                Note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            };
            var change = new ChangeSet();
            if (booking.BusinessDay == _day.Day)
            {
                change.Put(cancelled, EventTypes.TicketCancelled);
            }
            else
            {
                // A later day's booking is on no wire yet: its day's opening tells it, cancelled.
                change.AdvanceBookings[cancelled.Id] = cancelled;
            }

            Commit(change, now);
            return BookingResult.Ok(cancelled, Teks.Booking.Cancelled(cancelled.Number));
        }
    }

    /// <summary>Mobile JKN "sisa antrean": the card's booking of that service and day (cancelled ones included, as they are).</summary>
    public BookingResult FindBooking(string serviceCode, DateOnly visitDate, string cardNumber)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (Locate(serviceCode, visitDate, cardNumber) is { Succeeded: false } missing)
            {
                return missing;
            }

            var booking = FindBookingOf(serviceCode, visitDate, cardNumber) ?? LatestCancelledBookingOf(serviceCode, visitDate, cardNumber)!;
            return BookingResult.Ok(booking, Teks.Booking.Status(booking.Number, WaitingAheadOf(booking)));
        }
    }

    /// <summary>
    /// Tickets of the booking's service still to be called before it: those queued ahead of it, and the bookings with
    /// a lower number still to come. Zero once it is called or finished.
    /// </summary>
    public int WaitingAhead(Ticket booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        lock (_gate)
        {
            return WaitingAheadOf(_tickets.GetValueOrDefault(booking.Id) ?? _advanceBookings.GetValueOrDefault(booking.Id) ?? booking);
        }
    }

    /// <summary>Mobile JKN "status antrean" of one service on a bookable day; null for a service that takes no bookings or another day.</summary>
    public ServiceQueueStatus? QueueStatus(string serviceCode, DateOnly day)
    {
        if (!TryBookableQueue(serviceCode, out var queue))
        {
            return null;
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            RollIfDue(Now());
            if (day > _day.Day && day <= BookableDaysNow().Last)
            {
                var booked = _advanceBookings.Values.Where(b => b.BusinessDay == day && b.ServiceCode == queue.Code).ToList();
                return new ServiceQueueStatus(queue.Code, day, booked.Count, booked.Count(b => b.State == TicketState.Waiting), NowCalling: null);
            }

            if (day != _day.Day)
            {
                return null;
            }

            var tickets = _tickets.Values.Where(t => t.ServiceCode == queue.Code).ToList();
            return new ServiceQueueStatus(queue.Code, day, tickets.Count,
                tickets.Count(t => t.State == TicketState.Waiting), NowCallingOf(queue.Code));
        }
    }

    /// <summary>The number of a service called last today; null before the first call.</summary>
    public string? NowCalling(string serviceCode)
    {
        lock (_gate)
        {
            return NowCallingOf(serviceCode);
        }
    }

    /// <summary>True when the day's booking numbers of this service print as codes the kiosk's scanner reads (one letter).</summary>
    public bool IsBookable(string? serviceCode) => TryBookableQueue(serviceCode, out _);

    /// <summary>
    /// The patient scanned a booking code at the kiosk: checks the booking in (placed by the fair-order rule) so it can
    /// print; or the one sentence the patient reads (cancelled, finished). Null when the kiosk holds no booking of that
    /// code today (a booking made before the kiosk took them, or elsewhere: the kiosk gives a number as for any card).
    /// </summary>
    public CheckInResult? CheckInByCode(string bookingCode)
    {
        ArgumentNullException.ThrowIfNull(bookingCode);
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            var code = bookingCode.Trim();
            var matches = _tickets.Values.Where(t => string.Equals(t.BookingCode, code, StringComparison.OrdinalIgnoreCase)).ToList();
            return matches.Count == 0 ? null : CheckIn(matches.FirstOrDefault(t => t.State != TicketState.Cancelled) ?? matches[0], now);
        }
    }

    /// <summary>
    /// A JKN card scanned at the kiosk: checks in the card's booking of today still waiting for its patient, if there is
    /// one (a booking checked in already gets the sentence that says so); null when the card holds no waiting booking
    /// (the kiosk then gives a number as for any card).
    /// </summary>
    public CheckInResult? CheckInByCard(string cardNumber)
    {
        ArgumentNullException.ThrowIfNull(cardNumber);
        lock (_gate)
        {
            ThrowIfDisposed();
            var now = Now();
            RollIfDue(now);
            // One still to check in first; else one checked in and waiting (the card scanned again: no second number).
            var booking = _tickets.Values.Where(t => t.IsBooking && t.State == TicketState.Waiting && t.CardData?.Number == cardNumber)
                .OrderBy(t => t.AwaitsCheckIn ? 0 : 1).ThenBy(t => t.QueueKey).FirstOrDefault();
            return booking is null ? null : CheckIn(booking, now);
        }
    }

    private CheckInResult CheckIn(Ticket booking, DateTimeOffset now)
    {
        if (booking.State == TicketState.Cancelled)
        {
            return new CheckInResult { PatientMessage = Teks.Booking.CodeCancelled };
        }

        if (booking.State != TicketState.Waiting || _day.ClosedAtMs is not null)
        {
            return new CheckInResult { PatientMessage = booking.State == TicketState.Waiting ? QueueError.DayClosed(_day.Day).Message : Teks.Booking.CodeFinished };
        }

        if (!booking.AwaitsCheckIn)
        {
            // Checked in before: print again only if the first print did not reach the patient.
            return booking.PrintState.IsCallable()
                ? new CheckInResult { PatientMessage = Teks.Booking.AlreadyCheckedIn(booking.Number) }
                : new CheckInResult { Ticket = booking };
        }

        var change = new ChangeSet();
        var late = _tickets.Values.Any(t => t.ServiceCode == booking.ServiceCode && t.SequenceNumber > booking.SequenceNumber && t.FirstCalledAt is not null);
        var checkedIn = booking with
        {
            CheckedInAt = now,
            // Late: behind everyone waiting now, as a walk-in arriving now (the key is this event's own sequence).
            QueueKey = late ? _sequence + change.Events.Count + 1 : booking.QueueKey,
        };
        change.Put(checkedIn, EventTypes.TicketCheckedIn);
        Commit(change, now);
        return new CheckInResult { Ticket = checkedIn, CheckedInNow = true };
    }

    private BookingResult? Locate(string serviceCode, DateOnly visitDate, string cardNumber)
    {
        if (!IsJknCardNumber(cardNumber))
        {
            return BookingResult.Fail(BpjsErrorCode.BadRequest, Teks.Booking.CardNumberInvalid);
        }

        if (!TryBookableQueue(serviceCode, out _))
        {
            return BookingResult.Fail(BpjsErrorCode.UnknownService, Teks.Booking.NotBookable(serviceCode ?? string.Empty));
        }

        // The running day's bookings stay findable after its close (finished, with their state); earlier days' are gone.
        var (first, last) = BookableDaysNow();
        if (visitDate < _day.Day || visitDate > last)
        {
            return BookingResult.Fail(BpjsErrorCode.DateNotBookable, Teks.Booking.BookableDays(_day.Day, first, last));
        }

        return FindBookingOf(serviceCode, visitDate, cardNumber) is null && LatestCancelledBookingOf(serviceCode, visitDate, cardNumber) is null
            ? BookingResult.Fail(BpjsErrorCode.BookingNotFound, Teks.Booking.NotFound)
            : null;
    }

    /// <summary>The card's booking of the service on that day that still counts (not cancelled, not voided).</summary>
    private Ticket? FindBookingOf(string serviceCode, DateOnly day, string cardNumber) =>
        BookingsOn(day).FirstOrDefault(t => t.IsBooking && t.ServiceCode == serviceCode && t.CardData?.Number == cardNumber
            && t.State is not (TicketState.Cancelled or TicketState.Voided));

    private Ticket? LatestCancelledBookingOf(string serviceCode, DateOnly day, string cardNumber) =>
        BookingsOn(day).Where(t => t.IsBooking && t.ServiceCode == serviceCode && t.CardData?.Number == cardNumber && t.State == TicketState.Cancelled)
            .OrderByDescending(t => t.FinishedAt).FirstOrDefault();

    /// <summary>The running day's tickets, or a later day's bookings (the engine holds no other day).</summary>
    private IEnumerable<Ticket> BookingsOn(DateOnly day) =>
        day == _day.Day ? _tickets.Values : _advanceBookings.Values.Where(b => b.BusinessDay == day);

    private int WaitingAheadOf(Ticket booking)
    {
        if (booking.State != TicketState.Waiting)
        {
            return 0;
        }

        if (booking.BusinessDay != _day.Day)
        {
            // A later day: the bookings of that day with a lower number (its walk-ins come after them all).
            return _advanceBookings.Values.Count(b => b.Id != booking.Id && b.BusinessDay == booking.BusinessDay && b.ServiceCode == booking.ServiceCode
                && b.State == TicketState.Waiting && b.SequenceNumber < booking.SequenceNumber);
        }

        // A booking not yet checked in is counted by its number's place (where it will stand if its patient comes in time).
        return _tickets.Values.Count(t => t.Id != booking.Id && t.ServiceCode == booking.ServiceCode && t.State == TicketState.Waiting
            && (t.AwaitsCheckIn ? t.SequenceNumber < booking.SequenceNumber : t.QueueKey < booking.QueueKey));
    }

    private string? NowCallingOf(string serviceCode) =>
        _tickets.Values.Where(t => t.ServiceCode == serviceCode && t.LastCalledAt is not null)
            .OrderByDescending(t => t.LastCalledAt).ThenByDescending(t => t.SequenceNumber).FirstOrDefault()?.Number;

    private bool TryBookableQueue(string? serviceCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Configuration.QueueDefinition? queue)
    {
        // The booking code carries one letter and the number (3 or 4 digits): a service whose prefix is longer cannot
        // print a code the kiosk's reader takes back. Polis are reached by transfer, never booked.
        queue = null;
        return serviceCode is not null && _config.Queues.TryGetValue(serviceCode, out queue) && !queue.IsPoli
            && queue.Prefix.Length == 1 && (queue.NumberEnd ?? 9999) <= 9999;
    }

    private static bool IsJknCardNumber(string? number) => number is { Length: JknCardNumberLength } && number.All(char.IsAsciiDigit);
}
