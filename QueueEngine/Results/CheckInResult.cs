using System.Diagnostics.CodeAnalysis;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Results;

/// <summary>A scan at the kiosk for a booking: the checked-in ticket to print, or the one sentence the patient reads.</summary>
public sealed record CheckInResult
{
    /// <summary>The booking, checked in (also when it already was: a second scan reprints nothing but finds it).</summary>
    public Ticket? Ticket { get; init; }

    /// <summary>True when this scan checked it in; false for a booking checked in before.</summary>
    public bool CheckedInNow { get; init; }

    /// <summary>Bahasa Indonesia for the patient when there is no booking to print.</summary>
    public string? PatientMessage { get; init; }

    [MemberNotNullWhen(true, nameof(Ticket))]
    [MemberNotNullWhen(false, nameof(PatientMessage))]
    public bool Succeeded => Ticket is not null;
}
