using System.Globalization;
using Kiosk.Device.Text;

namespace Kiosk.Device.Ticketing;

/// <summary>
/// Dates and times as a patient reads them ("Senin, 23 November 2026 08.15 WIB"). Written out here rather than taken
/// from the id-ID culture so a Pi image without full ICU data still prints Indonesian names.
/// </summary>
public static class IndonesianTime
{
    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
    private static readonly string[] Months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>WIB, WITA or WIT from the zone's offset at that moment; the numeric offset for any other zone.</summary>
    public static string ZoneAbbreviation(TimeZoneInfo zone, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var offset = zone.GetUtcOffset(at);
        return offset.TotalHours switch
        {
            7 => "WIB",
            8 => "WITA",
            9 => "WIT",
            _ => "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        };
    }

    public static string Date(DateTimeOffset local) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[(int)local.DayOfWeek]}, {local.Day} {Months[local.Month - 1]} {local.Year}");

    public static string Date(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[(int)day.DayOfWeek]}, {day.Day} {Months[day.Month - 1]} {day.Year}");

    /// <summary>The refusal for a Mobile JKN code of another day: which day it is for, and what to do now.</summary>
    public static string BookingForAnotherDay(DateOnly visit, DateOnly today) => visit < today
        ? Teks.Pasien.BookingPast(Date(visit))
        : Teks.Pasien.BookingLater(Date(visit));

    /// <summary>Indonesian style uses a dot between hours and minutes.</summary>
    public static string Time(DateTimeOffset local, TimeZoneInfo zone) =>
        string.Create(CultureInfo.InvariantCulture, $"{local:HH.mm} {ZoneAbbreviation(zone, local)}");

    /// <summary>"± 15 menit", "± 1 jam 20 menit", or "kurang dari 5 menit".</summary>
    public static string Duration(TimeSpan wait)
    {
        var minutes = (int)Math.Round(wait.TotalMinutes / 5.0) * 5;
        if (minutes < 5)
        {
            return "kurang dari 5 menit";
        }

        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"± {minutes} menit")
            : minutes % 60 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"± {minutes / 60} jam")
                : string.Create(CultureInfo.InvariantCulture, $"± {minutes / 60} jam {minutes % 60} menit");
    }
}
