using Kiosk.Contract;
using Kiosk.Contract.Commands;

namespace Kiosk.Queue.Results;

/// <summary>
/// An expected refusal. Message is Bahasa Indonesia: the officer or patient reads it. The engine gives only the codes of
/// its own rules; bad-command, unsupported-version, clock-skew and kiosk-fault come from the kiosk around it.
/// </summary>
public sealed record QueueError(ErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    internal static QueueError Invalid(string message) => new(ErrorCode.InvalidRequest, message);
    internal static QueueError UnknownService(string code) => new(ErrorCode.UnknownService, $"Layanan '{code}' tidak dikenal.");
    internal static QueueError UnknownPoli(string code) => new(ErrorCode.UnknownPoli, $"Poli '{code}' tidak dikenal.");
    internal static QueueError UnknownCounter(string id) => new(ErrorCode.UnknownCounter, $"Loket '{id}' tidak dikenal.");
    internal static QueueError UnknownTicket(string what) => new(ErrorCode.UnknownTicket, $"Nomor antrean {what} tidak ditemukan hari ini.");
    internal static QueueError Quota(string name) => new(ErrorCode.QuotaExhausted, $"Kuota habis: antrean {name} hari ini sudah penuh.");
    internal static QueueError DayClosed(DateOnly day) => new(ErrorCode.DayClosed, $"Pelayanan tanggal {day:dd-MM-yyyy} sudah ditutup.");
    internal static QueueError Transition(string number, TicketState state, string action) =>
        new(ErrorCode.InvalidTransition, $"Nomor {number} berstatus {StateText(state)}, tidak bisa {action}.");
    internal static QueueError Paused(string id) => new(ErrorCode.CounterPaused, $"Loket {id} sedang istirahat. Lanjutkan dulu.");
    internal static QueueError Busy(string number) => new(ErrorCode.CounterBusy, $"Loket masih melayani {number}. Selesaikan, lewati, atau rujuk dulu.");
    internal static QueueError NoTicket() => new(ErrorCode.NoTicketAtCounter, "Tidak ada nomor yang sedang dilayani di loket ini.");
    internal static QueueError Nothing() => new(ErrorCode.NothingToCall, "Tidak ada antrean yang menunggu.");
    internal static QueueError NotAtCounter(string number) => new(ErrorCode.ServiceNotAtCounter, $"Nomor {number} bukan layanan loket ini.");
    internal static QueueError NotPrinted(string number) => new(ErrorCode.NotPrinted, $"Nomor {number} belum tercetak, belum bisa dipanggil.");

    internal static string StateText(TicketState state) => state switch
    {
        TicketState.Waiting => "menunggu",
        TicketState.Called => "dipanggil",
        TicketState.Skipped => "dilewati",
        TicketState.NoShow => "tidak hadir",
        TicketState.Served => "selesai dilayani",
        TicketState.Transferred => "diteruskan ke poli",
        TicketState.Cancelled => "dibatalkan",
        TicketState.Expired => "kedaluwarsa",
        TicketState.Voided => "dibatalkan (gagal cetak)",
        _ => state.ToString(),
    };
}
