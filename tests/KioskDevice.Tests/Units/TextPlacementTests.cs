using System.Globalization;
using System.Text;

namespace Kiosk.Device.Tests.Units;

/// <summary>
/// Human-facing words live in each project's text catalogue (its <c>Text/</c> folder), in Bahasa Indonesia: a sentence
/// written in the code next to the logic is found here, and so is English inside a catalogue.
/// </summary>
public sealed class TextPlacementTests
{
    [Fact]
    public void Indonesian_sentences_live_only_in_the_text_catalogues()
    {
        var outside = SourceLiterals.Indonesian().Where(l => !l.InCatalogue).ToList();

        var report = new StringBuilder();
        foreach (var literal in outside.OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{literal.File}:{literal.Line}: {literal.Text}");
        }

        Assert.True(outside.Count == 0, $"{outside.Count} Indonesian literal(s) outside a Text/ catalogue; move each into its project's catalogue:\n{report}");
    }

    [Theory]
    [InlineData("Nomor antrean Anda", true)]
    [InlineData("ANTREAN: silakan tunggu", true)]
    [InlineData("Loket {…} tidak ada (1..{…}).", true)]
    [InlineData("ANTREAN:{…}", false)]
    [InlineData("/api/loket/masuk", false)]
    [InlineData("loket_sesi_", false)]
    [InlineData("tiket", false)]
    public void A_sentence_is_told_from_a_code_token(string literal, bool sentence)
    {
        Assert.Equal(sentence, SourceLiterals.IsIndonesian(literal));
    }

    [Fact]
    public void No_catalogue_literal_is_English()
    {
        var english = SourceLiterals.CatalogueLiterals()
            .Select(l => (l, Problem: HumanText.English(l.Text)))
            .Where(p => p.Problem.Count > 0)
            .Select(p => $"{p.l.File}:{p.l.Line}: {string.Join(", ", p.Problem)} in \"{p.l.Text}\"")
            .ToList();

        Assert.True(english.Count == 0, string.Join('\n', english));
    }
}
