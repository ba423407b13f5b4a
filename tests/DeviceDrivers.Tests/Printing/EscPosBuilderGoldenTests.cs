using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>Each command's exact bytes, checked against the Epson ESC/POS reference.</summary>
public class EscPosBuilderGoldenTests
{
    private static EscPosBuilder New(PaperProfile? paper = null, EscPosCodePage? page = null, BuzzerCommand buzzer = BuzzerCommand.None) =>
        new(paper ?? PaperProfile.Mm58, page, buzzer);

    private static string Hex(EscPosBuilder builder) => Convert.ToHexString(builder.WrittenSpan);

    [Fact]
    public void Initialize_resets_then_selects_the_code_page_again() =>
        Assert.Equal("1B40" + "1B7413", Hex(New(page: EscPosCodePage.Pc858).Initialize()));

    [Theory]
    [InlineData("PC437", "1B7400")]
    [InlineData("PC850", "1B7402")]
    [InlineData("WPC1252", "1B7410")]
    [InlineData("PC858", "1B7413")]
    public void Code_page_selection_uses_esc_t(string name, string expected) =>
        Assert.Equal(expected, Hex(New().SelectCodePage(EscPosCodePage.Parse(name))));

    [Theory]
    [InlineData(Alignment.Left, "1B6100")]
    [InlineData(Alignment.Center, "1B6101")]
    [InlineData(Alignment.Right, "1B6102")]
    public void Alignment_is_esc_a(Alignment alignment, string expected) => Assert.Equal(expected, Hex(New().Align(alignment)));

    [Fact]
    public void Bold_underline_reverse() =>
        Assert.Equal("1B4501" + "1B4500" + "1B2D01" + "1B2D02" + "1B2D00" + "1D4201" + "1D4200",
            Hex(New().Bold().Bold(false).Underline().Underline(UnderlineMode.TwoDots).Underline(false).Reverse().Reverse(false)));

    [Theory]
    [InlineData(1, 1, "1D2100")]
    [InlineData(2, 1, "1D2110")]
    [InlineData(1, 2, "1D2101")]
    [InlineData(3, 4, "1D2123")]
    [InlineData(8, 8, "1D2177")]
    public void Size_is_gs_exclamation_with_width_in_the_high_nibble(int width, int height, string expected) =>
        Assert.Equal(expected, Hex(New().Size(width, height)));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 9)]
    public void Size_outside_1_to_8_is_rejected(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => New().Size(width, height));

    [Fact]
    public void Line_spacing_and_feeds() =>
        Assert.Equal("1B3340" + "1B32" + "1B6403" + "1B4A18" + "0A", Hex(New().LineSpacing(64).DefaultLineSpacing().Feed(3).FeedDots(24).NewLine()));

    [Fact]
    public void Feed_past_255_lines_is_split() => Assert.Equal("1B64FF" + "1B642D", Hex(New().Feed(300)));

    [Fact]
    public void Cut_feeds_past_the_cutter_then_cuts() =>
        Assert.Equal("1B6404" + "1D5600" + "1B6404" + "1D5601", Hex(New().Cut().Cut(partial: true)));

    [Fact]
    public void Qr_code_is_model_2_with_size_level_store_and_print()
    {
        var expected =
            "1D286B0400314132 00".Replace(" ", string.Empty, StringComparison.Ordinal)
            + "1D286B03003143" + "08"
            + "1D286B03003145" + "31"
            + "1D286B" + "0600" + "315030" + "414243"
            + "1D286B0300315130";
        Assert.Equal(expected, Hex(New().Qr("ABC", moduleSize: 8, errorCorrection: QrErrorCorrection.M)));
    }

    [Fact]
    public void Qr_code_length_counts_utf8_bytes_not_characters()
    {
        // "Bü€" is 3 characters but 1 + 2 + 3 = 6 UTF-8 bytes, so pL = 6 + 3 = 9.
        var hex = Hex(New().Qr("Bü€", errorCorrection: QrErrorCorrection.L));
        Assert.Contains("1D286B" + "0900" + "315030" + "42C3BCE282AC", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void Qr_code_over_255_bytes_uses_the_high_length_byte()
    {
        var payload = new string('x', 300);
        var bytes = New().Qr(payload).ToArray();
        var store = Convert.FromHexString("1D286B2F01315030");
        var at = bytes.AsSpan().IndexOf(store);
        Assert.True(at > 0, "store command with pL=0x2F pH=0x01 (303) not found");
        Assert.Equal(300, bytes.AsSpan(at + store.Length).IndexOf(Convert.FromHexString("1D286B0300315130")));
    }

    [Fact]
    public void Qr_code_beyond_capacity_or_empty_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => New().Qr(new string('x', 1274), errorCorrection: QrErrorCorrection.H));
        Assert.Throws<ArgumentException>(() => New().Qr(string.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => New().Qr("x", moduleSize: 17));
    }

    [Fact]
    public void Code128_text_goes_as_code_set_b_with_height_width_and_hri() =>
        Assert.Equal("1D6850" + "1D7702" + "1D4802" + "1D6B49" + "06" + "7B42" + "41307B7B", Hex(New().Code128("A0{")));

    [Fact]
    public void Code128_even_digit_runs_go_as_code_set_c_two_digits_per_byte() =>
        Assert.Equal("1D6B49" + "06" + "7B43" + "0C22384E", Hex(New().Code128("12345678"))[18..]);

    [Fact]
    public void Code128_refuses_non_ascii() => Assert.Throws<ArgumentException>(() => New().Code128("Ä1"));

    [Fact]
    public void Raster_image_is_gs_v_0_with_row_bytes_and_rows()
    {
        var bitmap = new MonoBitmap(10, 2);
        bitmap[0, 0] = true;
        bitmap[9, 1] = true;
        Assert.Equal("1D763000" + "0200" + "0200" + "8000" + "0040", Hex(New().Image(bitmap)));
    }

    [Fact]
    public void Tall_images_are_sent_in_bands_of_at_most_255_rows()
    {
        var bytes = New().Image(new MonoBitmap(8, 300)).ToArray();
        Assert.Equal(Convert.FromHexString("1D7630000100FF00"), bytes[..8]);
        Assert.Equal(Convert.FromHexString("1D76300001002D00"), bytes[(8 + 255)..(16 + 255)]);
        Assert.Equal(16 + 300, bytes.Length);
    }

    [Fact]
    public void Image_wider_than_the_paper_is_rejected() =>
        Assert.Throws<ArgumentException>(() => New(PaperProfile.Mm58).Image(new MonoBitmap(385, 1)));

    [Fact]
    public void Beep_uses_the_configured_buzzer_command()
    {
        Assert.Equal("1B28410400303102" + "03", Hex(New(buzzer: BuzzerCommand.EpsonEscParenA).Beep(2, 3)));
        Assert.Equal("1B420206", Hex(New(buzzer: BuzzerCommand.XprinterEscB).Beep(2, 3)));
        var silent = New();
        Assert.False(silent.CanBeep);
        Assert.Equal(string.Empty, Hex(silent.Beep()));
    }

    [Fact]
    public void Text_is_encoded_through_the_code_page_and_control_characters_cannot_become_commands()
    {
        Assert.Equal("43616682", Hex(New(page: EscPosCodePage.Pc437).Text("Café")));
        Assert.Equal("436166E9", Hex(New(page: EscPosCodePage.Wpc1252).Text("Café")));
        Assert.Equal("413F1B", Hex(New().Text("A\u001B").Raw([0x1B])));
    }

    [Fact]
    public void Line_wraps_at_the_columns_of_the_current_size()
    {
        var builder = New(PaperProfile.Mm58).Size(4, 4).Line("NOMOR ANTRIAN");
        // 32 columns at 4x width leave 8 per line.
        Assert.Equal("1D2133" + Convert.ToHexString("NOMOR\nANTRIAN\n"u8), Hex(builder));
    }

    [Fact]
    public void Line_keeps_explicit_line_breaks_and_blank_lines() =>
        Assert.Equal("satu\n\ndua\n"u8.ToArray(), New().Line("satu\r\n\ndua").ToArray());

    [Fact]
    public void Line_with_nothing_prints_one_blank_line() => Assert.Equal("0A", Hex(New().Line()));

    [Fact]
    public void Row_puts_label_left_and_value_right()
    {
        var text = System.Text.Encoding.ASCII.GetString(New(PaperProfile.Mm58).Row("Poli", "Umum").WrittenSpan);
        Assert.Equal("Poli" + new string(' ', 24) + "Umum\n", text);
    }

    [Fact]
    public void Largest_width_keeps_the_queue_number_on_one_line()
    {
        Assert.Equal(8, New(PaperProfile.Mm80).LargestWidthFor("A-012"));
        Assert.Equal(6, New(PaperProfile.Mm58).LargestWidthFor("A-012"));
        Assert.Equal(8, New(PaperProfile.Mm58).LargestWidthFor("12"));
    }

    [Fact]
    public void Builder_can_be_cleared_and_reused()
    {
        var builder = New().Line("satu");
        builder.Clear().Line("dua");
        Assert.Equal("dua\n"u8.ToArray(), builder.ToArray());
    }
}
