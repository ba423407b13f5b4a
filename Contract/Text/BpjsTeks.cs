namespace Kiosk.Contract.Text;

/// <summary>
/// The kiosk's words to the BPJS bridge (the <c>message</c> of a <see cref="Bpjs.BpjsReply"/>), in Bahasa Indonesia: the
/// bridge shows a refusal to the technician and the officer as it is. Never a card number.
/// </summary>
public static class BpjsTeks
{
    public const string NotJson = "Permintaan BPJS tidak dapat dibaca: isinya bukan JSON yang sah.";
    public const string DuplicateMember = "Permintaan BPJS tidak dapat dibaca: ada isian yang ditulis dua kali.";
    public const string BrokenText = "Permintaan BPJS berisi teks yang rusak (bukan UTF-8 yang sah).";
    public const string NotAnObject = "Permintaan BPJS harus berupa objek JSON.";
    public const string RequestIdRequired = "requestId wajib diisi (maksimal 100 karakter) agar jawaban kiosk dapat dicocokkan.";
    public const string TicketIdRequired = "ticketId wajib diisi dengan ID tiket yang sah.";
    public const string BadShape = "Isi permintaan BPJS tidak sesuai format.";
    public const string ServiceCodeRequired = "serviceCode wajib diisi dengan kode layanan kiosk (huruf, angka, - atau _, maksimal 32 karakter).";
    public const string VisitDateRequired = "visitDate wajib diisi dengan tanggal periksa yang sah, format yyyy-MM-dd.";
    public const string CardNumberRequired = "cardNumber wajib diisi dengan nomor kartu JKN 13 angka.";
    public const string NikInvalid = "nik, bila diisi, harus 16 angka.";
    public const string ReasonInvalid = "reason, bila diisi, harus berupa teks paling panjang 200 karakter.";

    public const string CardGiven = "Nomor kartu tiket dikirim.";
    public const string UnknownTicket = "Tiket tidak ditemukan di antrean hari ini.";
    public const string NotToday = "Tiket ini bukan tiket hari ini; nomor kartunya tidak dikirim lagi.";
    public const string NoCard = "Tiket ini tidak memiliki nomor kartu (tidak dipindai, atau sudah disamarkan saat tutup hari).";
    public const string NotJkn = "Tiket ini bukan pasien JKN (pasien umum atau kartu berobat), jadi tidak dilaporkan ke BPJS.";
    public const string KioskFault = "Kiosk gagal menjawab permintaan ini. Permintaan dapat dikirim ulang.";

    public static string VersionUnsupported(string current) => $"Versi kontrak permintaan BPJS tidak didukung. Kiosk memakai versi {current}; perbarui layanan BPJS.";

    public static string UnknownType(string shown, IEnumerable<string> known) => $"Jenis permintaan BPJS {shown} tidak dikenal. Gunakan: {string.Join(", ", known)}.";
}
