using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;

namespace Kiosk.DeviceDrivers.Tests.Printing;

/// <summary>A realistic queue ticket, shared by the round-trip, transport and rendering tests.</summary>
internal static class Tickets
{
    public const string QrNonAscii = "https://antrian.example/t/A-012?nama=Bü Sri Wahyuni&poli=Gigi – Ñ";

    public static readonly string QrLong = string.Concat(Enumerable.Range(0, 30).Select(i => $"blok-{i:0000}|")); // 300 bytes

    public static MonoBitmap Logo()
    {
        // A 96x40 "logo": a frame with a cross, enough structure for a byte-exact comparison.
        var logo = new MonoBitmap(96, 40);
        for (var x = 0; x < 96; x++)
        {
            logo[x, 0] = logo[x, 39] = true;
        }

        for (var y = 0; y < 40; y++)
        {
            logo[0, y] = logo[95, y] = true;
            logo[44 + (y % 8), y] = true;
        }

        for (var x = 30; x < 66; x++)
        {
            logo[x, 20] = true;
        }

        return logo;
    }

    public static byte[] QueueTicket(PaperProfile? paper = null)
    {
        var builder = new EscPosBuilder(paper ?? PaperProfile.Mm80, EscPosCodePage.Pc858);
        return builder
            .Initialize()
            .Align(Alignment.Center)
            .Image(Logo())
            .Bold().Line("PUSKESMAS KECAMATAN SUKAMAJU").Bold(false)
            .Line("Jl. Merdeka No. 1, Bandung")
            .Divider()
            .Line("NOMOR ANTRIAN")
            .Size(builder.LargestWidthFor("A-012"), 8).Line("A-012").NormalSize()
            .Underline().Line("Poli Umum").Underline(false)
            .Align(Alignment.Left)
            .Row("Tanggal", "22-11-2026 07:15")
            .Line("Nama: Bü Sri Wahyuni – Ñ")
            .Align(Alignment.Center)
            .Qr(QrNonAscii, moduleSize: 5, errorCorrection: QrErrorCorrection.M)
            .Qr(QrLong, moduleSize: 3, errorCorrection: QrErrorCorrection.L)
            .Code128("A012-20261122")
            .Reverse().Line(" Mohon menunggu panggilan ").Reverse(false)
            .Cut(partial: true)
            .ToArray();
    }
}
