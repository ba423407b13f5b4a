using System.Globalization;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Voice;

/// <summary>
/// Builds the call the way Indonesian queue systems speak it, from short clips played back to back:
/// chime, "nomor antrean", the letter, the number in words, "silakan menuju", then "loket" + its number or the poli.
/// </summary>
public static class AnnouncementBuilder
{
    public const string Chime = "chime";

    /// <summary>"Nomor antrean": ends the first phrase.</summary>
    public const string NumberIntro = "nomor-antrean";

    /// <summary>"Silakan menuju": starts the last phrase.</summary>
    public const string DestinationIntro = "silakan-menuju";

    /// <summary>The words every call uses besides numbers, letters and poli names.</summary>
    public static IReadOnlyList<string> FixedClips { get; } = [Chime, NumberIntro, DestinationIntro, "loket"];

    /// <summary>A call to a loket: "Nomor antrean, A, dua belas, silakan menuju, loket, satu".</summary>
    public static Announcement ToCounter(string id, string ticketNumber, string counterId)
    {
        var clips = new List<string> { Chime, NumberIntro };
        var text = new List<string> { Teks.AnnounceNumber };
        AddTicket(ticketNumber, clips, text);
        clips.Add(DestinationIntro);
        clips.Add("loket");
        text.Add(Teks.AnnounceGoTo);
        text.Add(Teks.AnnounceCounter);
        string destination;
        if (int.TryParse(counterId, NumberStyles.None, CultureInfo.InvariantCulture, out var counter) && counter <= 999)
        {
            var words = NumberWords.ToWords(counter);
            clips.AddRange(words);
            text.Add(string.Join(' ', words));
            destination = Teks.CounterName(counter.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            text.Add(counterId);
            destination = Teks.CounterName(counterId);
        }

        return new Announcement(id, ticketNumber, destination, Sentence(text), clips, null, counterId, AnnouncementAudio.PathFor(clips));
    }

    /// <summary>A transfer: "Nomor antrean, G, satu, silakan menuju, poli gigi" (the poli's own clip).</summary>
    public static Announcement ToPoli(string id, string ticketNumber, string poliCode, string poliName)
    {
        var clips = new List<string> { Chime, NumberIntro };
        var text = new List<string> { Teks.AnnounceNumber };
        AddTicket(ticketNumber, clips, text);
        clips.Add(DestinationIntro);
        clips.Add(PoliClip(poliCode));
        text.Add(Teks.AnnounceGoTo);
        text.Add(poliName.ToLower(CultureInfo.GetCultureInfo("id-ID")));
        return new Announcement(id, ticketNumber, poliName, Sentence(text), clips, poliCode, null, AnnouncementAudio.PathFor(clips));
    }

    /// <summary>The clip of a poli: its code in lower case with "p-" read as "poli-" (P-GIGI is poli-gigi, UGD is ugd).</summary>
    public static string PoliClip(string poliCode)
    {
        ArgumentNullException.ThrowIfNull(poliCode);
        var clip = poliCode.Trim().ToLowerInvariant();
        return clip.StartsWith("p-", StringComparison.Ordinal) ? "poli-" + clip[2..] : clip;
    }

    /// <summary>Letters are clips "a".."z"; digits in words; "A-012" is A, dua belas.</summary>
    private static void AddTicket(string ticketNumber, List<string> clips, List<string> text)
    {
        var letters = new string(ticketNumber.Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant();
        foreach (var letter in letters)
        {
            clips.Add(letter.ToString());
            text.Add(char.ToUpperInvariant(letter).ToString());
        }

        var digits = new string(ticketNumber.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 999)
        {
            var words = NumberWords.ToWords(number);
            clips.AddRange(words);
            text.Add(string.Join(' ', words));
        }
        else if (digits.Length > 0)
        {
            // Beyond 999 (never issued today) each digit is read on its own.
            foreach (var digit in digits)
            {
                var word = NumberWords.ToWords(digit - '0')[0];
                clips.Add(word);
                text.Add(word);
            }
        }
    }

    private static string Sentence(List<string> parts) => string.Join(", ", parts) + ".";
}
