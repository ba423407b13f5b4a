using System.Globalization;
using System.Reflection;
using Kiosk.Device.Tests.Process;

namespace Kiosk.Device.Tests.Units;

/// <summary>
/// Every word the kiosk's programs and drivers keep for a technician, an officer or a patient (the text classes, one
/// per project) is read here with sample values: none carries parser, runtime or socket English.
/// </summary>
public sealed class TextCatalogueTests
{
    public static TheoryData<string> Catalogues() => ["Kiosk.Device.Text.Teks", "Kiosk.DeviceDrivers.Text.DriverTeks"];

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void No_text_carries_runtime_or_parser_English(string catalogue)
    {
        var type = new[] { typeof(Text.Teks).Assembly, typeof(DeviceDrivers.Text.DriverTeks).Assembly }
            .Select(a => a.GetType(catalogue)).Single(t => t is not null)!;

        var texts = Texts(type).ToList();

        Assert.True(texts.Count > 10, $"{catalogue} yielded only {texts.Count} texts");
        foreach (var (member, text) in texts)
        {
            foreach (var english in BrokenConfigurationTests.RuntimeEnglish)
            {
                Assert.False(text.Contains(english, StringComparison.Ordinal), $"{catalogue}.{member} carries \"{english}\": {text}");
            }
        }
    }

    /// <summary>Every catalogue of every project, with its nested groups (Pasien, Petugas, Teknisi).</summary>
    public static TheoryData<string> AllCatalogues() =>
    [
        "Kiosk.Device.Text.Teks", "Kiosk.DeviceDrivers.Text.DriverTeks", "Kiosk.Queue.Text.Teks", "Kiosk.Screens.Text.Teks",
        "Kiosk.Simulator.Text.SimulatorTeks", "Kiosk.Contract.Text.SettingTeks", "Kiosk.Contract.Text.CommandTeks", "Kiosk.Contract.Text.BpjsTeks", "Kiosk.Broker.Text.BrokerTeks",
        "Kiosk.District.Text.IngestTeks", "Kiosk.District.Text.SetupTeks", "Kiosk.District.Text.DinkesWords", "Kiosk.District.Text.DinkesTeks",
        "Kiosk.DistrictLink.Text.LinkTeks", "Kiosk.Kabupaten.Text.KabupatenTeks",
    ];

    [Theory]
    [MemberData(nameof(AllCatalogues))]
    public void Every_catalogue_sentence_is_Indonesian_without_doubled_words(string catalogue)
    {
        var type = CatalogueAssemblies.Select(a => a.GetType(catalogue)).Single(t => t is not null)!;

        var problems = WithNested(type)
            .SelectMany(t => Texts(t).Select(p => (Member: $"{t.Name}.{p.Member}", p.Text)))
            .Select(p => (p.Member, p.Text, Problem: HumanText.Problems(p.Text)))
            .Where(p => p.Problem.Length > 0)
            .Select(p => $"{p.Member}: {p.Problem} \"{p.Text}\"")
            .ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_doubled_word_check_finds_the_words_and_phrases_people_were_shown()
    {
        Assert.Equal("Loket Loket", HumanText.Doubled("Loket Loket 3 sedang istirahat"));
        Assert.Equal("Kiosk tidak terhubung Kiosk tidak terhubung", HumanText.Doubled("Kiosk tidak terhubung: Kiosk tidak terhubung"));
        Assert.Null(HumanText.Doubled("Tiket-tiket yang belum tercetak dicetak ulang."));
        Assert.Equal(["not", "such", "address", "errno"], HumanText.English("Printer bermasalah: Job not sent: No such device or address (errno 6)").Intersect(["not", "such", "address", "errno"]));
    }

    [Fact]
    public void The_loket_banner_for_kiosks_that_are_down_says_each_thing_once()
    {
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(7));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var offline = new Screens.Sessions.KioskCondition("kiosk-1", false, Contract.PrinterCondition.Unknown, 0, now, 30);
        var paperOut = new Screens.Sessions.KioskCondition("kiosk-2", true, Contract.PrinterCondition.PaperOut, 2, now, 30);

        var banners = new[]
        {
            Screens.Sessions.KioskNotice.For([], now, zone),
            Screens.Sessions.KioskNotice.For([offline], now, zone),
            Screens.Sessions.KioskNotice.For([offline, paperOut], now, zone),
        };

        foreach (var text in banners.SelectMany(b => new[] { b.Officer, b.Patient }).OfType<string>())
        {
            Assert.True(HumanText.Problems(text).Length == 0, $"{HumanText.Problems(text)} in \"{text}\"");
        }
    }

    private static IEnumerable<Type> WithNested(Type type) => type.GetNestedTypes(BindingFlags.Public).SelectMany(WithNested).Prepend(type);

    private static readonly System.Reflection.Assembly[] CatalogueAssemblies =
    [
        typeof(Text.Teks).Assembly, typeof(DeviceDrivers.Text.DriverTeks).Assembly, typeof(Queue.Text.Teks).Assembly,
        typeof(Screens.Text.Teks).Assembly, typeof(Simulator.Text.SimulatorTeks).Assembly, typeof(Contract.Text.SettingTeks).Assembly,
        typeof(Broker.Text.BrokerTeks).Assembly, typeof(global::Kiosk.District.Text.DinkesTeks).Assembly,
        typeof(global::Kiosk.DistrictLink.Text.LinkTeks).Assembly, typeof(global::Kiosk.Kabupaten.Text.KabupatenTeks).Assembly,
    ];

    [Theory]
    [InlineData(2, "tidak ada (kode sistem 2)")]
    [InlineData(13, "tidak ada izin; tambahkan pengguna kiosk ke grup gpio")]
    [InlineData(16, "sedang dipakai proses lain")]
    public void An_os_error_is_worded_for_the_technician_with_its_number(int errno, string expected)
    {
        Assert.Contains(expected, DeviceDrivers.Text.DriverTeks.Errno(errno), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_chip_that_does_not_exist_is_named_with_the_chips_that_do()
    {
        var dev = Directory.CreateTempSubdirectory("kiosk-dev-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dev, "gpiochip4"), string.Empty);

            var problem = DeviceDrivers.Gpio.GpioChipCheck.Problem("gpiochip0", dev);

            Assert.NotNull(problem);
            Assert.Contains($"chip GPIO {Path.Combine(dev, "gpiochip0")} tidak ada di mesin ini (chip yang ada: {Path.Combine(dev, "gpiochip4")})", problem, StringComparison.Ordinal);
            Assert.Null(DeviceDrivers.Gpio.GpioChipCheck.Problem("gpiochip4", dev));
        }
        finally
        {
            Directory.Delete(dev, recursive: true);
        }
    }

    private static IEnumerable<(string Member, string Text)> Texts(Type type)
    {
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
        {
            yield return (field.Name, (string)field.GetValue(null)!);
        }

        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
        {
            var parameters = method.GetParameters();
            // A switch over an enum is read for every value; other parameters get distinct sample words, so a
            // sentence that doubles its own argument shows ("Qa Qa"), while two arguments side by side do not.
            var enumIndex = Array.FindIndex(parameters, p => p.ParameterType.IsEnum);
            var values = enumIndex < 0 ? [null] : Enum.GetValues(parameters[enumIndex].ParameterType).Cast<object?>().ToArray();
            foreach (var value in values)
            {
                var arguments = parameters.Select((p, i) => i == enumIndex ? value : Sample(p.ParameterType, i)).ToArray();
                if (arguments.All(a => a is not null))
                {
                    yield return (value is null ? method.Name : $"{method.Name}({value})", (string)method.Invoke(null, arguments)!);
                }
            }
        }
    }

    private static object? Sample(Type type, int position = 0) => type switch
    {
        _ when type == typeof(string) => $"Q{(char)('a' + position)}",
        _ when type == typeof(IEnumerable<string>) || type == typeof(IReadOnlyList<string>) => new[] { "KTP", "KK" },
        _ when type == typeof(int) => 3,
        _ when type == typeof(uint) => 3u,
        _ when type == typeof(long) => 3L,
        _ when type == typeof(long?) => 3L,
        _ when type == typeof(int?) => 3,
        _ when type == typeof(double) => 1.5,
        _ when type == typeof(TimeSpan) => TimeSpan.FromMinutes(72),
        _ when type == typeof(DateOnly) => new DateOnly(2026, 11, 23),
        _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 23, 8, 5, 0, TimeSpan.FromHours(7)),
        _ when type == typeof(CultureInfo) => CultureInfo.InvariantCulture,
        _ when type == typeof(bool) => position % 2 == 0,
        _ when type == typeof(Uri) => new Uri("http://127.0.0.1:8080/"),
        _ when type.IsAssignableFrom(typeof(string[])) => new[] { "x", "y" },
        _ => null,
    };
}
