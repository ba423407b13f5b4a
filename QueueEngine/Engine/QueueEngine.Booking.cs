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
/// Bookings are taken for the running business day only (<see cref="BpjsErrorCode.DateNotBookable"/> otherwise): a
/// later day's numbering does not exist yet, and starting it early would need that day's sequence held across the
/// rollover. One booking per card, service and day; the bridge's ticket id makes a repeated request book once.
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
            if (_tickets.TryGetValue(request.TicketId, out var same))
            {
                // The same request asked again after a lost reply: the booking it made, once.
                return same.IsBooking && same.ServiceCode == queue.Code && same.CardData?.Number == request.CardNumber && same.BusinessDay == request.VisitDate
                    ? BookingResult.Ok(same, Teks.Booking.Booked(same.Number, same.BusinessDay))
                    : BookingResult.Fail(BpjsErrorCode.BadRequest, Teks.Booking.TicketIdTaken);
            }

            if (request.VisitDate != _day.Day || _day.ClosedAtMs is not null)
            {
                return BookingResult.Fail(BpjsErrorCode.DateNotBookable, Teks.Booking.OnlyToday(_day.Day));
            }

            if (FindBookingOf(queue.Code, request.CardNumber) is { } held)
            {
                return BookingResult.Fail(BpjsErrorCode.AlreadyBooked, Teks.Booking.AlreadyBooked(held.Number), held);
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
            change.Events.Add((EventTypes.TicketBooked, new BookingData
            {
                TicketId = ticket.Id,
                Number = ticket.Number,
                ServiceCode = ticket.ServiceCode,
                BusinessDay = ticket.BusinessDay,
                Payer = ticket.Payer,
                BookedAt = now.ToWire(),
            }));
            Commit(change, now);
            return BookingResult.Ok(ticket, Teks.Booking.Booked(ticket.Number, ticket.BusinessDay));
        }
    }

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
            var booking = FindBookingOf(serviceCode, cardNumber) ?? LatestCancelledBookingOf(serviceCode, cardNumber)!;
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
            change.Put(cancelled, EventTypes.TicketCancelled);
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

            var booking = FindBookingOf(serviceCode, cardNumber) ?? LatestCancelledBookingOf(serviceCode, cardNumber)!;
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
            return WaitingAheadOf(_tickets.GetValueOrDefault(booking.Id) ?? booking);
        }
    }

    /// <summary>Mobile JKN "status antrean" of one service today; null for a service that takes no bookings or another day.</summary>
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

        if (visitDate != _day.Day)
        {
            return BookingResult.Fail(BpjsErrorCode.DateNotBookable, Teks.Booking.OnlyToday(_day.Day));
        }

        return FindBookingOf(serviceCode, cardNumber) is null && LatestCancelledBookingOf(serviceCode, cardNumber) is null
            ? BookingResult.Fail(BpjsErrorCode.BookingNotFound, Teks.Booking.NotFound)
            : null;
    }

    /// <summary>The card's booking of the service today that still counts (not cancelled, not voided).</summary>
    private Ticket? FindBookingOf(string serviceCode, string cardNumber) =>
        _tickets.Values.FirstOrDefault(t => t.IsBooking && t.ServiceCode == serviceCode && t.CardData?.Number == cardNumber
            && t.State is not (TicketState.Cancelled or TicketState.Voided));

    private Ticket? LatestCancelledBookingOf(string serviceCode, string cardNumber) =>
        _tickets.Values.Where(t => t.IsBooking && t.ServiceCode == serviceCode && t.CardData?.Number == cardNumber && t.State == TicketState.Cancelled)
            .OrderByDescending(t => t.FinishedAt).FirstOrDefault();

    private int WaitingAheadOf(Ticket booking)
    {
        if (booking.State != TicketState.Waiting)
        {
            return 0;
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
