using Kiosk.Contract;

namespace Kiosk.Queue.Model;

/// <summary>One queue ticket. Immutable: every transition produces a new instance.</summary>
public sealed record Ticket
{
    public required Guid Id { get; init; }
    /// <summary>Printed number, e.g. A-012.</summary>
    public required string Number { get; init; }
    public required int SequenceNumber { get; init; }
    public required string ServiceCode { get; init; }
    public required DateOnly BusinessDay { get; init; }
    public required PatientCategory Category { get; init; }
    public required Payer Payer { get; init; }
    public required PriorityKind Priority { get; init; }
    public required TicketState State { get; init; }
    public required PrintState PrintState { get; init; }
    public required TicketSource Source { get; init; }
    /// <summary>Issued by a counter as an emergency or out-of-hours registration; counted in the recap.</summary>
    public bool IsEmergency { get; init; }
    public int FamilySize { get; init; } = 1;
    /// <summary>Personal data: counter replies only, never displays or events.</summary>
    public CardData? CardData { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? PrintedAt { get; init; }
    public DateTimeOffset? FirstCalledAt { get; init; }
    public DateTimeOffset? LastCalledAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The counter that called (or issued) it last.</summary>
    public string? CalledBy { get; init; }
    public int CallCount { get; init; }
    public Guid? TransferredFrom { get; init; }
    public Guid? TransferredTo { get; init; }
    /// <summary>Ordering key inside the queue: lower is called first (site sequence at issue, or a placement on return).</summary>
    public required double QueueKey { get; init; }
    /// <summary>Why it was voided, or the officer's reason for an emergency/manual ticket.</summary>
    public string? Note { get; init; }
    /// <summary>
    /// Opens the ticket's patient page (printed in its QR code, published with it; <see cref="Kiosk.Contract.Events.PatientToken"/>).
    /// Not personal data; kept and removed with the ticket's row. Null for a ticket from before schema 3.
    /// </summary>
    public string? PatientToken { get; init; }

    /// <summary>A booking: when the patient scanned its code (or card) at the kiosk; null until then (never called before).</summary>
    public DateTimeOffset? CheckedInAt { get; init; }

    /// <summary>A booking cancelled by BPJS itself (Mobile JKN): the bridge reports nothing back for it.</summary>
    public bool CancelledByBpjs { get; init; }

    public bool IsBooking => Source == TicketSource.Booking;

    /// <summary>A booking still waiting for its patient to check in: it holds its number but is not in the queue yet.</summary>
    public bool AwaitsCheckIn => IsBooking && CheckedInAt is null && State == TicketState.Waiting;

    /// <summary>In the queue of its service: waiting, and (for a booking) checked in.</summary>
    public bool IsQueued => State == TicketState.Waiting && !AwaitsCheckIn;

    /// <summary>
    /// What the patient scans to check in: <c>{yyyyMMdd}{prefix}{nnn}</c> (e.g. <c>20261207A012</c>), the visit day and the
    /// printed number without its dash; matches the kiosk's default Mobile JKN booking pattern. Null for other tickets.
    /// </summary>
    public string? BookingCode => IsBooking
        ? string.Concat(BusinessDay.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Number.Replace("-", string.Empty, StringComparison.Ordinal))
        : null;

    public bool IsPriority => Priority != PriorityKind.None;

    /// <summary>Issued (a booking: checked in at the kiosk, when its patient arrived) → first call; null until called.</summary>
    public TimeSpan? WaitTime => FirstCalledAt is { } called ? Max(called - (CheckedInAt ?? IssuedAt)) : null;

    /// <summary>Last call (when the patient answered) → served or transferred on.</summary>
    public TimeSpan? ServiceTime => State is TicketState.Served or TicketState.Transferred && LastCalledAt is { } called && FinishedAt is { } done
        ? Max(done - called) : null;

    // A clock stepped backwards (NTP on a Pi without RTC) must not produce negative durations.
    private static TimeSpan Max(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
