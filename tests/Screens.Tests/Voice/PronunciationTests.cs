using System.Diagnostics;

namespace Kiosk.Screens.Tests.Voice;

/// <summary>
/// Every clip of the shipped recipe (voice/words.tsv) is spoken with the phonemes written beside it: espeak-ng's own
/// phoneme output (<c>espeak-ng -v id -q -x</c>) for the clip's text must equal them. Where the text is phoneme input
/// ([[...]]) this also proves espeak-ng knows every phoneme named (an unknown one is dropped from its output).
/// </summary>
public sealed class PronunciationTests
{
    private static readonly string WordList = Path.Combine(AppContext.BaseDirectory, "voice", "words.tsv");

    public static TheoryData<string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(WordList).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var columns = line.Split('\t');
            rows.Add(columns[0], columns[1], columns.Length > 2 ? columns[2] : string.Empty);
        }

        return rows;
    }

    [SkippableTheory]
    [MemberData(nameof(Rows))]
    public void Espeak_ng_says_each_clip_with_the_expected_phonemes(string clip, string text, string expected)
    {
        Skip.If(Espeak.Missing, "espeak-ng is not installed (sudo apt-get install espeak-ng); the clips cannot be checked");
        Assert.False(string.IsNullOrEmpty(expected), $"words.tsv: '{clip}' has no expected phonemes");
        Assert.Equal(expected, Espeak.Phonemes(text));
    }

    /// <summary>The words espeak-ng misreads are overridden, and the overrides say what Indonesian says.</summary>
    [Theory]
    [InlineData("loket", "lok'Et")]
    [InlineData("belas", "b@l'as")]
    [InlineData("sebelas", "s@b@l'as")]
    [InlineData("enam", "@n'am")]
    [InlineData("empat", "@mp'at")]
    public void Loket_has_a_clear_e_and_belas_enam_empat_a_schwa(string clip, string phonemes)
    {
        var row = File.ReadAllLines(WordList).Select(l => l.Split('\t')).Single(c => c[0] == clip);
        Assert.Equal($"[[{phonemes}]]", row[1]);
        Assert.Equal(phonemes, row[2]);
    }

    private static class Espeak
    {
        public static bool Missing { get; } = !File.Exists("/usr/bin/espeak-ng") && !File.Exists("/usr/local/bin/espeak-ng");

        public static string Phonemes(string text)
        {
            var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-v", "id", "-q", "-x", text })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var phonemes = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(20_000), "espeak-ng did not finish within 20 s");
            Assert.True(process.ExitCode == 0, error.Result);
            return phonemes.Result.Trim();
        }
    }
}
