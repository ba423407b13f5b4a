using System.Collections.Frozen;

namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>
/// Checks a 16-digit NIK: PP KK CC DDMMYY SSSS. Province codes are the Kemendagri ones (including the Papua
/// provinces created in 2022); the day is 01-31, or 41-71 for women; the date must exist (29 February only
/// in years divisible by four, which is right for both 19YY and 20YY because 2000 was a leap year).
/// </summary>
internal static class NikValidator
{
    private static readonly FrozenSet<int> Provinces = new[]
    {
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
        31, 32, 33, 34, 35, 36,
        51, 52, 53,
        61, 62, 63, 64, 65,
        71, 72, 73, 74, 75, 76,
        81, 82,
        91, 92, 93, 94, 95, 96,
    }.ToFrozenSet();

    public static (NikScan? Nik, string? Problem) Validate(string digits)
    {
        var province = Number(digits, 0);
        if (!Provinces.Contains(province))
        {
            return (null, $"province code {province:00} does not exist");
        }

        if (Number(digits, 2) == 0 || Number(digits, 4) == 0)
        {
            return (null, "regency or district code is 00");
        }

        var day = Number(digits, 6);
        var month = Number(digits, 8);
        var year = Number(digits, 10);
        var female = day > 40;
        var realDay = female ? day - 40 : day;
        if (month is < 1 or > 12)
        {
            return (null, $"birth month {month:00} does not exist");
        }

        var daysInMonth = month == 2 ? (year % 4 == 0 ? 29 : 28) : DateTime.DaysInMonth(2001, month);
        if (realDay < 1 || realDay > daysInMonth || (day > 31 && day < 41))
        {
            return (null, $"birth day {day:00} is not a day of month {month:00} (women: day + 40)");
        }

        if (digits.AsSpan(12, 4).SequenceEqual("0000"))
        {
            return (null, "serial number is 0000");
        }

        return (new NikScan(digits, province, realDay, month, year, female), null);
    }

    private static int Number(string digits, int start) => ((digits[start] - '0') * 10) + (digits[start + 1] - '0');
}
