using System.Globalization;
using System.Text.Json;
using Kiosk.Contract;

namespace Kiosk.District.Text;

/// <summary>What a Dinkes officer reads, in Bahasa Indonesia; the one home of these words.</summary>
public static class DinkesWords
{
    public const string DatabaseUnreachable = "Basis data tidak dapat dihubungi. Angka di halaman ini belum bisa diperbarui; hubungi teknisi Dinkes bila pesan ini tidak hilang dalam beberapa menit.";
    public const string LoginRefused = "Nama pengguna atau kata sandi salah. Periksa lalu coba lagi.";
    public const string LoginEmpty = "Isi nama pengguna dan kata sandi.";
    public const string LoginFormExpired = "Formulir masuk sudah kedaluwarsa. Muat ulang halaman lalu coba lagi.";
    public const string SessionInvalid = "Sesi Anda tidak berlaku lagi. Silakan masuk kembali.";
    public const string BadMonth = "Bulan tidak dikenal. Tulis bulan seperti 2026-12 (tahun, tanda hubung, bulan dua angka).";
    public const string UnknownSite = "Puskesmas ini tidak dikenal. Kembali ke dasbor dan pilih Puskesmas dari daftar.";
    public const string NotFound = "Halaman tidak ditemukan. Kembali ke dasbor.";

    public static string TooManyAttempts(int seconds) => $"Terlalu banyak percobaan masuk. Tunggu {seconds} detik, lalu coba lagi.";

    /// <summary>Clock time as Indonesians write it: 07.40.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH'.'mm", CultureInfo.InvariantCulture);

    /// <summary>"kiosk kiosk-1" reads as a doubled word: an id that already says kiosk stands alone.</summary>
    public static string Kiosk(string kioskId) =>
        kioskId.StartsWith("kiosk", StringComparison.OrdinalIgnoreCase) ? kioskId : $"kiosk {kioskId}";

    public static string Minutes(TimeSpan span) => $"{(int)Math.Floor(Math.Max(0, span.TotalMinutes))} menit";

    public static string Printer(PrinterCondition printer) => printer switch
    {
        PrinterCondition.Ok => "Baik",
        PrinterCondition.PaperLow => "Kertas hampir habis",
        PrinterCondition.PaperOut => "Kertas habis",
        PrinterCondition.CoverOpen => "Tutup printer terbuka",
        PrinterCondition.CutterError => "Pemotong kertas macet",
        PrinterCondition.Offline => "Printer tidak tersambung",
        _ => "Tidak diketahui",
    };

    /// <summary>What to do about a printer that cannot print.</summary>
    public static string PrinterAction(PrinterCondition printer) => printer switch
    {
        PrinterCondition.PaperOut => "Minta petugas mengganti gulungan kertas",
        PrinterCondition.CoverOpen => "Minta petugas menutup printer",
        PrinterCondition.CutterError => "Minta petugas membersihkan pemotong kertas",
        _ => "Minta petugas memeriksa kabel printer",
    };

    /// <summary>The contract's wire spelling (kebab-case) back to the enum; anything else is unknown.</summary>
    public static PrinterCondition ParsePrinter(string? wire)
    {
        foreach (var value in Enum.GetValues<PrinterCondition>())
        {
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), wire, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return PrinterCondition.Unknown;
    }

    /// <summary>The enum's wire spelling (as the ingest stores it).</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
