using Kiosk.Screens.Voice;

namespace Kiosk.Screens.Tests.Units;

public sealed class AnnouncementBuilderTests
{
    [Fact]
    public void A_call_to_a_loket_is_chime_then_nomor_antrean_letter_number_silakan_menuju_loket_number()
    {
        var call = AnnouncementBuilder.ToCounter("e1", "A-012", "1");
        Assert.Equal(["chime", "nomor-antrean", "a", "dua", "belas", "silakan-menuju", "loket", "satu"], call.Clips);
        Assert.Equal("Nomor antrean, A, dua belas, silakan menuju, loket, satu.", call.Text);
        Assert.Equal("Loket 1", call.Destination);
        Assert.Equal("/suara/panggilan/chime_nomor-antrean_a_dua_belas_silakan-menuju_loket_satu.wav", call.Audio);
    }

    [Fact]
    public void A_poli_whose_code_makes_no_clip_name_has_no_joined_audio_and_keeps_its_clips()
    {
        var call = AnnouncementBuilder.ToPoli("e3", "G-001", "P/GIGI 2", "Poli Gigi 2");
        Assert.Null(call.Audio);
        Assert.Contains("p/gigi 2", call.Clips);
    }

    [Fact]
    public void A_transfer_names_the_poli_by_its_own_clip()
    {
        var call = AnnouncementBuilder.ToPoli("e2", "G-001", "P-GIGI", "Poli Gigi dan Mulut");
        Assert.Equal(["chime", "nomor-antrean", "g", "satu", "silakan-menuju", "poli-gigi"], call.Clips);
        Assert.Equal("Nomor antrean, G, satu, silakan menuju, poli gigi dan mulut.", call.Text);
    }

    [Theory]
    [InlineData("P-GIGI", "poli-gigi")]
    [InlineData("P-KIA", "poli-kia")]
    [InlineData("UGD", "ugd")]
    public void Poli_clip_names_follow_the_code(string code, string clip) => Assert.Equal(clip, AnnouncementBuilder.PoliClip(code));

    /// <summary>Every clip a call can name is made by the shipped generator (words.tsv) or is the checked-in chime.</summary>
    [Fact]
    public void The_shipped_word_list_has_every_clip_a_call_can_use()
    {
        var words = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "voice", "words.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')[0])
            .Append(AnnouncementBuilder.Chime)
            .ToHashSet(StringComparer.Ordinal);
        var needed = NumberWords.AllClips.Concat(AnnouncementBuilder.FixedClips)
            .Concat(Enumerable.Range('a', 26).Select(c => ((char)c).ToString()))
            .Concat(new[] { "P-UMUM", "P-GIGI", "P-KIA", "P-MTBS", "P-IMUN", "P-TB", "P-GIZI", "UGD" }.Select(AnnouncementBuilder.PoliClip));
        Assert.All(needed, clip => Assert.Contains(clip, words));
    }
}
