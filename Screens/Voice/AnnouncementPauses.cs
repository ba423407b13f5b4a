namespace Kiosk.Screens.Voice;

/// <summary>
/// The pauses of a joined call, chosen to sound like an announcer reading "Nomor antrean, A dua belas, silakan menuju
/// loket satu": a breath after the chime, a comma's pause between the three phrases, and words inside a phrase run
/// together with only a short gap (espeak-ng's own gaps between words in one sentence are about 0-60 ms).
/// </summary>
public static class AnnouncementPauses
{
    public static readonly TimeSpan AfterChime = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan BetweenPhrases = TimeSpan.FromMilliseconds(180);

    public static readonly TimeSpan BetweenWords = TimeSpan.FromMilliseconds(30);

    /// <summary>The clips after which a phrase ends ("nomor antrean,") and before which one starts (", silakan menuju").</summary>
    private static readonly HashSet<string> EndsPhrase = new(StringComparer.Ordinal) { AnnouncementBuilder.NumberIntro };

    private static readonly HashSet<string> StartsPhrase = new(StringComparer.Ordinal) { AnnouncementBuilder.DestinationIntro };

    public static TimeSpan Before(string previous, string next)
    {
        if (previous == AnnouncementBuilder.Chime)
        {
            return AfterChime;
        }

        return EndsPhrase.Contains(previous) || StartsPhrase.Contains(next) ? BetweenPhrases : BetweenWords;
    }
}
