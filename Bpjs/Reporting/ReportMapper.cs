using System.Globalization;
using Kiosk.Bpjs.Protocol;
using Kiosk.Bpjs.Text;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Reading;

namespace Kiosk.Bpjs.Reporting;

/// <summary>
/// Decides from one kiosk event alone what BPJS is told. Only a JKN ticket (payer <c>bpjs</c>: a BPJS/KIS card, a NIK
/// or a scanned Mobile JKN booking, which the kiosk issues as payer bpjs) of a service mapped to a BPJS poli is
/// reported; everything else is nothing. The events and what they become:
/// <list type="bullet">
/// <item><c>ticket.printed</c>, or <c>ticket.issued</c> of a ticket that is never printed (made by a counter:
/// emergency, a number given by word of mouth, the poli ticket of a transfer) → tambah.</item>
/// <item><c>ticket.served</c> and <c>ticket.transferred</c> (the patient came and was sent on to a poli) → panggil
/// status 1 (hadir).</item>
/// <item><c>ticket.no-show</c> (marked by the officer, or the last recall) → panggil status 2 (tidak hadir).</item>
/// <item><c>ticket.cancelled</c> → batal with a fixed reason (the event carries none); <c>ticket.expired</c> (still
/// open when the day closed) → batal with its own reason, so BPJS does not keep the patient waiting in Mobile JKN.</item>
/// <item>Calls, recalls, skips and returns change nothing BPJS keeps; a voided ticket was never printed, so never
/// added.</item>
/// </list>
/// Total: an event whose data does not read as a ticket is nothing, never an exception.
/// </summary>
/// <remarks>
/// A Mobile JKN booking's ticket (<c>mobileJkn</c>) is BPJS's own: never a tambah, and nothing back for BPJS's own
/// cancel. When the kiosk gave the booking its number in a registration queue that has no poli of its own,
/// <paramref name="bookedPoli"/> names the poli BPJS booked: the patient served there, not come, or cancelled by the
/// officer is reported under it; one sent on to the poli is reported by the poli's ticket (its tambah is BPJS's
/// "already there", its panggil the visit).
/// </remarks>
public sealed class ReportMapper(IReadOnlyDictionary<string, string> poliByService, Func<Guid, string?>? bookedPoli = null)
{
    private readonly Dictionary<string, string> poli = new(poliByService, StringComparer.OrdinalIgnoreCase);

    public MapDecision Map(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!envelope.Type.StartsWith("ticket.", StringComparison.Ordinal))
        {
            return new MapDecision.Skip($"{envelope.Type} is not about a ticket");
        }

        if (!WireReader.TryReadData<TicketData>(envelope, out var ticket))
        {
            return new MapDecision.Skip($"{envelope.Type} {envelope.EventId} has no readable ticket data");
        }

        if (ticket.Payer != Payer.Bpjs)
        {
            return new MapDecision.Skip($"ticket {ticket.Number} is not a JKN ticket (payer {ticket.Payer})");
        }

        if (!poli.TryGetValue(ticket.ServiceCode, out var kodePoli))
        {
            if (!ticket.MobileJkn || bookedPoli?.Invoke(ticket.TicketId) is not { } booked)
            {
                return new MapDecision.Skip($"service {ticket.ServiceCode} of ticket {ticket.Number} has no BPJS poli");
            }

            if (envelope.Type == EventTypes.TicketTransferred)
            {
                return new MapDecision.Skip($"Mobile JKN ticket {ticket.Number} went on to a poli, whose ticket reports the visit");
            }

            kodePoli = booked;
        }

        var day = ticket.BusinessDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var waktu = envelope.OccurredAt.ToUnixTimeMilliseconds();
        return envelope.Type switch
        {
            // A Mobile JKN booking: BPJS made it (no "tambah antrean"), and BPJS's own cancel needs no "batal" back.
            EventTypes.TicketPrinted or EventTypes.TicketIssued when ticket.MobileJkn => new MapDecision.Skip($"ticket {ticket.Number} is a Mobile JKN booking BPJS made"),
            EventTypes.TicketCancelled when ticket.CancelledByBpjs => new MapDecision.Skip($"ticket {ticket.Number} was cancelled by BPJS itself"),
            EventTypes.TicketPrinted => Tambah(envelope, ticket, kodePoli, day),
            EventTypes.TicketIssued when ticket.PrintState == PrintState.NotRequired => Tambah(envelope, ticket, kodePoli, day),
            EventTypes.TicketServed or EventTypes.TicketTransferred => Panggil(envelope, ticket, kodePoli, day, 1, waktu),
            EventTypes.TicketNoShow => Panggil(envelope, ticket, kodePoli, day, 2, waktu),
            EventTypes.TicketCancelled => Batal(envelope, ticket, kodePoli, day, BpjsTeks.CancelledReason),
            EventTypes.TicketExpired => Batal(envelope, ticket, kodePoli, day, BpjsTeks.ExpiredReason),
            _ => new MapDecision.Skip($"{envelope.Type} of ticket {ticket.Number} changes nothing BPJS keeps"),
        };
    }

    /// <summary>The number part of a printed number (<c>A-012</c> → 12): its last run of digits.</summary>
    public static int? NumberPart(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var end = number.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(number[start - 1]))
        {
            start--;
        }

        return start < end && int.TryParse(number.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            ? part
            : null;
    }

    private static MapDecision Tambah(EventEnvelope envelope, TicketData ticket, string kodePoli, string day)
    {
        if (NumberPart(ticket.Number) is not { } angka)
        {
            return new MapDecision.Skip($"ticket number '{ticket.Number}' has no number part");
        }

        // The card, the poli's name and the doctor are put in at send time (the card from the kiosk, the rest from the
        // day's references, BpjsReferences.Fill); the phone and medical-record number are not in the kiosk's events.
        var body = new TambahAntrean
        {
            NomorKartu = string.Empty,
            Nik = string.Empty,
            NoHp = string.Empty,
            KodePoli = kodePoli,
            NamaPoli = string.Empty,
            NoRm = string.Empty,
            TanggalPeriksa = day,
            KodeDokter = 0,
            NamaDokter = string.Empty,
            JamPraktek = string.Empty,
            NomorAntrean = ticket.Number,
            AngkaAntrean = angka,
            Keterangan = BpjsTeks.Keterangan,
        };
        return Planned(envelope, ticket, ReportKind.Tambah, BpjsJson.Write(body));
    }

    private static MapDecision.Report Panggil(EventEnvelope envelope, TicketData ticket, string kodePoli, string day, int status, long waktu) =>
        Planned(envelope, ticket, ReportKind.Panggil, BpjsJson.Write(new PanggilAntrean
        {
            TanggalPeriksa = day,
            KodePoli = kodePoli,
            NomorKartu = string.Empty,
            Status = status,
            Waktu = waktu,
        }));

    private static MapDecision.Report Batal(EventEnvelope envelope, TicketData ticket, string kodePoli, string day, string reason) =>
        Planned(envelope, ticket, ReportKind.Batal, BpjsJson.Write(new BatalAntrean
        {
            TanggalPeriksa = day,
            KodePoli = kodePoli,
            NomorKartu = string.Empty,
            Alasan = reason,
        }));

    private static MapDecision.Report Planned(EventEnvelope envelope, TicketData ticket, ReportKind kind, string body) =>
        new(new PlannedReport(envelope.EventId, ticket.TicketId, ticket.Number, kind, body, envelope.OccurredAt) { MadeByBpjs = ticket.MobileJkn });
}
