namespace Kiosk.Queue.Results;

/// <summary>
/// Mobile JKN "ambil antrean" as the BPJS bridge asks it. <paramref name="TicketId"/> is the bridge's: the same id asked
/// again (a lost reply) gets the same booking, taken once.
/// </summary>
/// <param name="CardNumber">The JKN card number, 13 digits (kept as card data: full only while the day is open).</param>
public sealed record BookingRequest(Guid TicketId, string ServiceCode, DateOnly VisitDate, string CardNumber);
