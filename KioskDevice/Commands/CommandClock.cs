using System.Globalization;
using Kiosk.Device.Text;

namespace Kiosk.Device.Commands;

/// <summary>
/// The rule for a new command's <c>sentAt</c> (the README's message contract): it must be within
/// <see cref="MaxSkew"/> of the kiosk's clock. Older means the press was long ago or the loket PC's clock is behind;
/// newer means the loket PC's clock is ahead. Either way the command is refused with a reply that says by how much,
/// because calling a patient minutes late confuses the waiting room and a wrong clock would refuse every command
/// without the officer knowing why. A command id that already ran is answered from the log before this rule applies.
/// </summary>
public static class CommandClock
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(2);

    /// <summary>Null when the command may run; otherwise the refusal for the officer, in Bahasa Indonesia.</summary>
    public static string? Refusal(DateTimeOffset? sentAt, DateTimeOffset now)
    {
        if (sentAt is not { } sent)
        {
            return null;
        }

        var difference = now - sent;
        if (difference.Duration() <= MaxSkew)
        {
            return null;
        }

        var minutes = ((long)Math.Round(difference.Duration().TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        return difference > TimeSpan.Zero
            ? Teks.Petugas.LoketClockBehind(minutes)
            : Teks.Petugas.LoketClockAhead(minutes);
    }
}
