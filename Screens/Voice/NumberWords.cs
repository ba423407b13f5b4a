namespace Kiosk.Screens.Voice;

/// <summary>
/// A number 0-999 as the clip names an Indonesian queue call plays: 1-11 are whole words (satu..sebelas), 12-19 are
/// "dua belas".."sembilan belas", tens are "dua puluh tiga", hundreds "seratus", "dua ratus lima". Each word is a clip.
/// </summary>
public static class NumberWords
{
    private static readonly string[] Digits = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

    /// <summary>Every clip name this rule can produce, for the clip generator and its check.</summary>
    public static IReadOnlyList<string> AllClips { get; } = [.. Digits, "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus"];

    public static IReadOnlyList<string> ToWords(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999);
        if (number == 0)
        {
            return ["nol"];
        }

        var words = new List<string>(4);
        var hundreds = number / 100;
        if (hundreds == 1)
        {
            words.Add("seratus");
        }
        else if (hundreds > 1)
        {
            words.Add(Digits[hundreds]);
            words.Add("ratus");
        }

        AddBelowHundred(number % 100, words);
        return words;
    }

    private static void AddBelowHundred(int number, List<string> words)
    {
        switch (number)
        {
            case 0:
                return;
            case < 10:
                words.Add(Digits[number]);
                return;
            case 10:
                words.Add("sepuluh");
                return;
            case 11:
                words.Add("sebelas");
                return;
            case < 20:
                words.Add(Digits[number - 10]);
                words.Add("belas");
                return;
            default:
                words.Add(Digits[number / 10]);
                words.Add("puluh");
                if (number % 10 != 0)
                {
                    words.Add(Digits[number % 10]);
                }

                return;
        }
    }
}
