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

    [Theory]
    [InlineData(2, "tidak ada (errno 2)")]
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

        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
        {
            var arguments = method.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
            if (arguments.All(a => a is not null))
            {
                yield return (method.Name, (string)method.Invoke(null, arguments)!);
            }
        }
    }

    private static object? Sample(Type type) => type switch
    {
        _ when type == typeof(string) => "x",
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
        _ when type.IsAssignableFrom(typeof(string[])) => new[] { "x", "y" },
        _ => null,
    };
}
