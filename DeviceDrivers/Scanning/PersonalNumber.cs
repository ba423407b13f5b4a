using System.Text;

namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>
/// Masks NIK, BPJS and record numbers for logs: "0001234567890" becomes "0001*****7890". Enough stays visible to
/// match a complaint to a log line, not enough to identify a patient. Control characters become '?' and very long
/// input is cut, so a noisy scan cannot garble or flood the log.
/// </summary>
public static class PersonalNumber
{
    private const int MaxShown = 40;

    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var length = value.Length;
        var keep = length >= 12 ? 4 : length >= 6 ? 2 : 0;
        var masked = new StringBuilder(Math.Min(length, MaxShown) + 16);
        for (var i = 0; i < length && masked.Length < MaxShown; i++)
        {
            var visible = i < keep || i >= length - keep;
            var c = value[i];
            masked.Append(!visible ? '*' : char.IsControl(c) || c > '\u007E' ? '?' : c);
        }

        if (length > MaxShown)
        {
            masked.Append("…(").Append(length).Append(" chars)");
        }

        return masked.ToString();
    }
}
