using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.DeviceDrivers.Printing.Interpreting;

// Encodes the queue ticket the kiosk prints (logo, 8x number, wrapped address, QR, barcode, cut) and compares the
// reused EscPosBuilder against a straightforward List<byte> + Encoding.GetBytes + string-splitting encoder measured
// in the same run; then times the interpreter on the same bytes. Pass a filter ("encode", "parse") to run one part;
// --smoke: a hundredth of the iterations, to prove each part still runs.
return await BenchRun.Run("Printing.Bench", () =>
{
    var settings = BenchRun.Settings(args);
    var scale = BenchRun.IsSmoke(args) ? 100 : 1;
    var filter = settings.Length > 0 ? settings[0] : string.Empty;
    var parts = 0;
    var logo = new MonoBitmap(256, 64);
    for (var i = 0; i < 256; i++)
    {
        logo[i, i % 64] = true;
    }

    const string Address = "Jl. Raya Cibeureum No. 123 RT 004/RW 011 Kelurahan Cibeureum Kecamatan Cimahi Selatan, Kota Cimahi";
    const string Qr = "https://antrian.example/t/A-012?nama=Bü Sri Wahyuni&poli=Umum";
    var builder = new EscPosBuilder(PaperProfile.Mm80, EscPosCodePage.Pc858);

    byte[] Reused()
    {
        builder.Clear().Initialize().Align(Alignment.Center).Image(logo).Bold().Line("PUSKESMAS KECAMATAN SUKAMAJU").Bold(false)
            .Line(Address).Size(8, 8).Line("A-012").NormalSize().Line("Poli Umum").Qr(Qr).Code128("A012-20261122").Cut(partial: true);
        return builder.ToArray();
    }

    var latin = Encoding.Latin1;
    byte[] Naive()
    {
        var bytes = new List<byte>();
        bytes.AddRange(new byte[] { 0x1B, 0x40, 0x1B, 0x74, 19, 0x1B, 0x61, 1 });
        bytes.AddRange(new byte[] { 0x1D, 0x76, 0x30, 0, 32, 0, 64, 0 });
        bytes.AddRange(logo.PackedRows.ToArray());
        bytes.AddRange(new byte[] { 0x1B, 0x45, 1 });
        bytes.AddRange(latin.GetBytes("PUSKESMAS KECAMATAN SUKAMAJU\n"));
        bytes.AddRange(new byte[] { 0x1B, 0x45, 0 });
        var line = string.Empty;
        foreach (var word in Address.Split(' '))
        {
            if ((line + " " + word).Trim().Length > 48)
            {
                bytes.AddRange(latin.GetBytes(line + "\n"));
                line = word;
            }
            else
            {
                line = (line + " " + word).Trim();
            }
        }

        bytes.AddRange(latin.GetBytes(line + "\n"));
        bytes.AddRange(new byte[] { 0x1D, 0x21, 0x77 });
        bytes.AddRange(latin.GetBytes("A-012\n"));
        bytes.AddRange(new byte[] { 0x1D, 0x21, 0x00 });
        bytes.AddRange(latin.GetBytes("Poli Umum\n"));
        var qr = Encoding.UTF8.GetBytes(Qr);
        bytes.AddRange(new byte[] { 0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0, 0x1D, 0x28, 0x6B, 3, 0, 49, 67, 6, 0x1D, 0x28, 0x6B, 3, 0, 49, 69, 49 });
        bytes.AddRange(new byte[] { 0x1D, 0x28, 0x6B, (byte)((qr.Length + 3) & 0xFF), (byte)((qr.Length + 3) >> 8), 49, 80, 48 });
        bytes.AddRange(qr);
        bytes.AddRange(new byte[] { 0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48 });
        var code = latin.GetBytes("{BA012-20261122");
        bytes.AddRange(new byte[] { 0x1D, 0x6B, 73, (byte)code.Length });
        bytes.AddRange(code);
        bytes.AddRange(new byte[] { 0x1B, 0x64, 4, 0x1D, 0x56, 1 });
        return bytes.ToArray();
    }

    (double NsPerOp, double BytesPerOp) Measure(Func<byte[]> action, int iterations)
    {
        for (var i = 0; i < 2000 / scale; i++)
        {
            action();
        }

        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (watch.Elapsed.TotalNanoseconds / iterations, (double)allocated / iterations);
    }

    string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    BenchRun.Require(Reused().Length > 0 && Naive().Length > 0, "the ticket encoded to no bytes");
    Console.WriteLine($"ticket: {Reused().Length} bytes (EscPosBuilder), {Naive().Length} bytes (baseline)");
    if (filter.Length == 0 || filter.Contains("encode", StringComparison.OrdinalIgnoreCase))
    {
        var iterations = 100_000 / scale;
        parts++;
        var baseline = Measure(Naive, iterations);
        var reused = Measure(Reused, iterations);
        Console.WriteLine($"encode baseline (List<byte> + Encoding.GetBytes): {F(baseline.NsPerOp)} ns/ticket, {F(baseline.BytesPerOp)} B allocated/ticket");
        Console.WriteLine($"encode EscPosBuilder (reused, ToArray):           {F(reused.NsPerOp)} ns/ticket, {F(reused.BytesPerOp)} B allocated/ticket");
        Console.WriteLine($"ratio: {baseline.NsPerOp / reused.NsPerOp:0.00}x faster, {baseline.BytesPerOp / reused.BytesPerOp:0.00}x less allocation");
    }

    if (filter.Length == 0 || filter.Contains("parse", StringComparison.OrdinalIgnoreCase))
    {
        var ticket = Reused();
        var iterations = 20_000 / scale;
        parts++;
        var parse = Measure(() => { EscPosInterpreter.Parse(ticket, PaperProfile.Mm80); return ticket; }, iterations);
        var encode = Measure(Reused, iterations);
        Console.WriteLine($"interpret ticket: {F(parse.NsPerOp)} ns/ticket, {F(parse.BytesPerOp)} B allocated/ticket ({parse.NsPerOp / encode.NsPerOp:0.0}x the encode time)");
    }

    BenchRun.Require(parts > 0, $"no part matches '{filter}' (encode, parse)");
    return 0;
});
