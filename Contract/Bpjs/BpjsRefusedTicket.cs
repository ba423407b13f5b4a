namespace Kiosk.Contract.Bpjs;

/// <summary>
/// A ticket of today whose BPJS reports stopped because BPJS refused one for good. <see cref="Reason"/> is Bahasa
/// Indonesia, what the officer reads after "Laporan BPJS ditolak: "; never a card number.
/// </summary>
public sealed record BpjsRefusedTicket(Guid TicketId, string Number, string Reason);
