namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// The full card number of a JKN ticket, read from where the kiosk keeps it for the day (never from the public event
/// stream, which only says <c>hasCardData</c>).
/// </summary>
public interface ICardNumberSource
{
    /// <summary>The ticket's card, or null when the kiosk has none for it (not today's, masked, not a JKN card); throws
    /// <see cref="TimeoutException"/> when the kiosk did not answer in time (the report waits and is tried again).</summary>
    Task<JknCard?> CardOfAsync(Guid ticketId, CancellationToken cancellationToken);
}

/// <param name="NomorKartu">The 13-digit BPJS/KIS number, or empty when only a NIK is known.</param>
/// <param name="Nik">The 16-digit NIK, or empty.</param>
/// <param name="KodeBooking">The Mobile JKN booking code when the ticket came from a booking, else null.</param>
public sealed record JknCard(string NomorKartu, string Nik, string? KodeBooking);
