using Kiosk.DeviceDrivers.Printing.Encoding;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public class TextTests
{
    [Fact]
    public void Wrapping_breaks_at_spaces_within_the_columns() =>
        Assert.Equal(["Puskesmas", "Kecamatan", "Sukamaju"], TextWrapper.Wrap("Puskesmas Kecamatan Sukamaju", 12));

    [Fact]
    public void A_word_longer_than_the_line_is_broken_with_a_visible_hyphen()
    {
        var lines = TextWrapper.Wrap("ab Pemberantasan", 6);
        Assert.Equal(["ab", "Pembe-", "ranta-", "san"], lines);
        Assert.Equal("abPemberantasan", string.Concat(lines).Replace("-", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Explicit_newlines_and_blank_lines_are_kept() =>
        Assert.Equal(["satu", string.Empty, "dua"], TextWrapper.Wrap("satu\n\ndua", 10));

    [Fact]
    public void No_line_is_longer_than_the_columns_and_no_letter_is_lost()
    {
        var text = "Jl. Raya Cibeureum No. 123 RT 004/RW 011 Kelurahan Cibeureumkidulwetan Kecamatan Cimahi Selatan";
        foreach (var columns in new[] { 1, 2, 5, 8, 16, 32, 48 })
        {
            var lines = TextWrapper.Wrap(text, columns);
            Assert.All(lines, l => Assert.True(l.Length <= columns, $"'{l}' longer than {columns}"));
            var letters = string.Concat(lines.Select(l => l.EndsWith('-') && columns >= 2 ? l[..^1] : l)).Replace(" ", string.Empty, StringComparison.Ordinal);
            Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), letters);
        }
    }

    [Fact]
    public void Transliteration_keeps_what_the_code_page_has_and_replaces_the_rest_without_dropping()
    {
        var page = EscPosCodePage.Pc437;
        Assert.Equal("Café Ñandú - \"Sehat\" 10EUR", Transliterator.ToPrintable("Café Ñandú – “Sehat” 10€", page));
        Assert.Equal("Dang Thi a", Transliterator.ToPrintable("Đặng Thị ă", page));
        Assert.Equal("Nama ? ?", Transliterator.ToPrintable("Nama 😀 漢", page));
    }

    [Fact]
    public void Transliterated_text_encodes_entirely_through_the_code_page()
    {
        foreach (var page in EscPosCodePage.All)
        {
            var printable = Transliterator.ToPrintable("Ĉu ŝi ŝatas “ŝokoladon” – 5 € × 2 ⅓ ‰ ﬁ Żółć", page);
            Assert.True(Transliterator.IsEncodable(printable, page), $"{page}: '{printable}'");
            Assert.DoesNotContain(string.Empty, printable.Split('?').Where(p => p.Length > 100));
        }
    }

    [Fact]
    public void Code_page_bytes_come_from_the_dotnet_encoding()
    {
        Assert.True(EscPosCodePage.Pc858.TryGetByte('€', out var euro));
        Assert.Equal(0xD5, euro);
        Assert.True(EscPosCodePage.Wpc1252.TryGetByte('€', out var euro1252));
        Assert.Equal(0x80, euro1252);
        Assert.False(EscPosCodePage.Pc437.CanEncode('€'));
        Assert.Equal('é', EscPosCodePage.Pc437.Decode(0x82));
    }

    [Theory]
    [InlineData("58mm", 32, 384)]
    [InlineData("80", 48, 576)]
    public void Paper_profiles(string name, int columns, int dots)
    {
        var paper = PaperProfile.Parse(name);
        Assert.Equal(columns, paper.Columns);
        Assert.Equal(dots, paper.DotWidth);
    }

    [Fact]
    public void Unknown_config_values_are_clear_errors()
    {
        var paper = Assert.Throws<ArgumentException>(() => PaperProfile.Parse("76mm"));
        Assert.Contains("76mm", paper.Message, StringComparison.Ordinal);
        var page = Assert.Throws<ArgumentException>(() => EscPosCodePage.Parse("UTF8"));
        Assert.Contains("PC437", page.Message, StringComparison.Ordinal);
    }
}
