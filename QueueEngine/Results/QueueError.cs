using System.Text.Json.Serialization;

namespace Kiosk.Queue.Results;

[JsonConverter(typeof(JsonStringEnumConverter<QueueErrorCode>))]
public enum QueueErrorCode
{
    InvalidRequest,
    UnknownService,
    UnknownPoli,
    UnknownCounter,
    UnknownTicket,
    /// <summary>Daily cap or number band reached: "kuota habis".</summary>
    QuotaExhausted,
    DayClosed,
    InvalidTransition,
    CounterPaused,
    CounterBusy,
    NoTicketAtCounter,
    NothingToCall,
    ServiceNotAtCounter,
    NotPrinted,
}

/// <summary>An expected refusal. Message is Bahasa Indonesia: the officer or patient reads it.</summary>
public sealed record QueueError(QueueErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    internal static QueueError Invalid(string message) => new(QueueErrorCode.InvalidRequest, message);
    internal static QueueError UnknownService(string code) => new(QueueErrorCode.UnknownService, $"Layanan '{code}' tidak dikenal.");
    internal static QueueError UnknownPoli(string code) => new(QueueErrorCode.UnknownPoli, $"Poli '{code}' tidak dikenal.");
    internal static QueueError UnknownCounter(string id) => new(QueueErrorCode.UnknownCounter, $"Loket '{id}' tidak dikenal.");
    internal static QueueError UnknownTicket(string what) => new(QueueErrorCode.UnknownTicket, $"Nomor antrean {what} tidak ditemukan hari ini.");
    internal static QueueError Quota(string name) => new(QueueErrorCode.QuotaExhausted, $"Kuota habis: antrean {name} hari ini sudah penuh.");
    internal static QueueError DayClosed(DateOnly day) => new(QueueErrorCode.DayClosed, $"Pelayanan tanggal {day:dd-MM-yyyy} sudah ditutup.");
    internal static QueueError Transition(string number, Model.TicketState state, string action) =>
        new(QueueErrorCode.InvalidTransition, $"Nomor {number} berstatus {StateText(state)}, tidak bisa {action}.");
    internal static QueueError Paused(string id) => new(QueueErrorCode.CounterPaused, $"Loket {id} sedang istirahat. Lanjutkan dulu.");
    internal static QueueError Busy(string number) => new(QueueErrorCode.CounterBusy, $"Loket masih melayani {number}. Selesaikan, lewati, atau rujuk dulu.");
    internal static QueueError NoTicket() => new(QueueErrorCode.NoTicketAtCounter, "Tidak ada nomor yang sedang dilayani di loket ini.");
    internal static QueueError Nothing() => new(QueueErrorCode.NothingToCall, "Tidak ada antrean yang menunggu.");
    internal static QueueError NotAtCounter(string number) => new(QueueErrorCode.ServiceNotAtCounter, $"Nomor {number} bukan layanan loket ini.");
    internal static QueueError NotPrinted(string number) => new(QueueErrorCode.NotPrinted, $"Nomor {number} belum tercetak, belum bisa dipanggil.");

    internal static string StateText(Model.TicketState state) => state switch
    {
        Model.TicketState.Waiting => "menunggu",
        Model.TicketState.Called => "dipanggil",
        Model.TicketState.Skipped => "dilewati",
        Model.TicketState.NoShow => "tidak hadir",
        Model.TicketState.Served => "selesai dilayani",
        Model.TicketState.Transferred => "diteruskan ke poli",
        Model.TicketState.Cancelled => "dibatalkan",
        Model.TicketState.Expired => "kedaluwarsa",
        Model.TicketState.Voided => "dibatalkan (gagal cetak)",
        _ => state.ToString(),
    };
}
