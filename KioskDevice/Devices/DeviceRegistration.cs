using Kiosk.Contract.Text;
using Kiosk.Device.Configuration;
using Kiosk.Device.Input;
using Kiosk.Device.Printing;
using Kiosk.Device.Text;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Imaging;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.DeviceDrivers.Printing.Virtual;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.DeviceDrivers.Serial;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using GpioButtonOptions = Kiosk.DeviceDrivers.Gpio.ButtonOptions;

namespace Kiosk.Device.Devices;

/// <summary>
/// Chooses each device from configuration: the Linux drivers on the Pi, the simulated ones (same interfaces, same
/// button semantics) in the simulator and the end-to-end tests. Nothing above this file knows which it got.
/// </summary>
public static class DeviceRegistration
{
    public static IServiceCollection AddKioskDevices(this IServiceCollection services)
    {
        services.TryAddSingleton<KioskActivity>();
        services.TryAddSingleton<PrinterHealth>();
        services.TryAddSingleton(provider => CreateButtons(Options(provider), provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => CreateLamps(Options(provider), provider.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(provider => CreatePrinter(Options(provider)));
        services.TryAddSingleton(provider => new ScanParser(new ScanParserOptions { MedicalRecordPattern = Options(provider).Reader.MedicalRecordPattern, JknBookingPattern = Options(provider).Reader.JknBookingPattern }));
        services.TryAddSingleton(provider => CreateLayout(Options(provider), provider.GetRequiredService<Kiosk.Queue.Configuration.QueueEngineOptions>()));
        services.TryAddSingleton(provider => new ConfiguredReader(CreateReader(Options(provider), provider.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    public static IButtonPanel CreateButtons(KioskOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var buttons = options.Buttons.Select(b => new GpioButtonOptions
        {
            Id = b.Id,
            Chip = b.Chip,
            Line = b.Line,
            DebounceMs = options.Hardware.DebounceMilliseconds,
            // The kiosk applies Hardware:ButtonLockoutMilliseconds itself (Input/PressAdmission), where a refused press
            // is told to the patient and logged; the driver's own lock-out would drop it without a word.
            LockoutMs = 0,
            LongPressMs = options.Hardware.LongPressMilliseconds,
        }).ToList();
        return options.Hardware.Kind switch
        {
            "simulated" => new SimulatedButtonPanel(buttons, loggers.CreateLogger<SimulatedButtonPanel>()),
            "gpio" => new GpioButtonPanel(buttons, loggers.CreateLogger<GpioButtonPanel>()),
            _ => throw Unknown("Kiosk:Hardware:Kind", options.Hardware.Kind, ["gpio", "simulated"]),
        };
    }

    public static ILampPanel CreateLamps(KioskOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var simulated = options.Hardware.Kind == "simulated";
        var lamps = new List<LampOptions>();
        void Add(string id, string chip, string line)
        {
            // The simulator shows every lamp; on the Pi only the wired ones exist.
            if (simulated || !string.IsNullOrWhiteSpace(line))
            {
                lamps.Add(new LampOptions { Id = id, Chip = chip, Line = line });
            }
        }

        foreach (var button in options.Buttons)
        {
            Add(KioskSignals.ButtonLamp(button.Id), button.Chip, button.LampLine);
        }

        Add(KioskSignals.ProblemLamp, options.Hardware.Chip, options.Hardware.ProblemLampLine);
        Add(KioskSignals.Buzzer, options.Hardware.Chip, options.Hardware.BuzzerLine);
        var buzzer = lamps.Any(l => l.Id == KioskSignals.Buzzer) ? KioskSignals.Buzzer : null;
        return simulated
            ? new SimulatedLampPanel(lamps, buzzer)
            : new GpioLampPanel(lamps, buzzer, loggers.CreateLogger<GpioLampPanel>());
    }

    /// <summary>
    /// Before the host starts: every GPIO chip the buttons and lamps name must exist. One line names the first key that
    /// uses a missing chip and the fix; without this the lamp panel's constructor fails inside the host's start.
    /// </summary>
    public static void CheckHardware(KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Hardware.Kind != "gpio")
        {
            return;
        }

        var uses = options.Buttons.Select((b, i) => (Key: $"Kiosk:Buttons:{i}:Chip", b.Chip)).ToList();
        if (!string.IsNullOrWhiteSpace(options.Hardware.ProblemLampLine) || !string.IsNullOrWhiteSpace(options.Hardware.BuzzerLine))
        {
            uses.Add(("Kiosk:Hardware:Chip", options.Hardware.Chip));
        }

        foreach (var chip in uses.Where(u => !string.IsNullOrWhiteSpace(u.Chip)).GroupBy(u => u.Chip, StringComparer.Ordinal))
        {
            if (GpioChipCheck.Problem(chip.Key) is { } problem)
            {
                var others = chip.Count() - 1;
                throw new Kiosk.DeviceDrivers.DeviceConfigurationException(
                    $"{chip.First().Key}: {problem}" + (others > 0 ? " " + Kiosk.DeviceDrivers.Text.DriverTeks.GpioChipUsedAlsoBy(others) : string.Empty));
            }
        }
    }

    /// <summary>The configured QR/card reader, or null when the kiosk has none.</summary>
    public static IScanReader? CreateReader(KioskOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var reader = options.Reader;
        return reader.Kind switch
        {
            "evdev" => new EvdevScanReader(new EvdevScanReaderOptions { DevicePath = reader.Device, InterKeyGapMs = reader.InterKeyGapMilliseconds }, loggers.CreateLogger<EvdevScanReader>()),
            "serial" => new SerialScanReader(new SerialScanReaderOptions { DevicePath = reader.Device, BaudRate = reader.BaudRate }, loggers.CreateLogger<SerialScanReader>()),
            "simulated" => new SimulatedScanReader("simulated", loggers.CreateLogger<SimulatedScanReader>()),
            "none" => null,
            _ => throw Unknown("Kiosk:Reader:Kind", reader.Kind, ["evdev", "serial", "simulated", "none"]),
        };
    }

    public static IPrinterTransport CreatePrinter(KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var printer = options.Printer;
        var timeouts = PrinterTimeouts.Default with { Write = TimeSpan.FromSeconds(printer.TimeoutSeconds) };
        var transport = PrinterTransports.Find(printer.Transport)
            ?? throw new Kiosk.DeviceDrivers.DeviceConfigurationException(
                SettingTeks.Line("Kiosk:Printer:Transport", Teks.UnknownPrinterTransport(printer.Transport, PrinterTransports.Names)));
        return transport.Create(printer, timeouts);
    }

    public static TicketLayout CreateLayout(KioskOptions options, Kiosk.Queue.Configuration.QueueEngineOptions? queue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var codePage = EscPosCodePage.All.FirstOrDefault(c => c.EscTNumber == options.Printer.CodePage) ?? EscPosCodePage.Wpc1252;
        var logo = string.IsNullOrEmpty(options.Printer.LogoFile) ? null : MonoImageReader.Load(options.Printer.LogoFile);
        return new TicketLayout(options.Site, Paper(options.Printer), codePage, TimeZoneInfo.FindSystemTimeZoneById(options.Site.TimeZone), logo, options.Printer.QrAsImage, queue);
    }

    public static PaperProfile Paper(PrinterOptions printer)
    {
        ArgumentNullException.ThrowIfNull(printer);
        return printer.PaperWidthMm == 58 ? PaperProfile.Mm58 : PaperProfile.Mm80;
    }

    /// <summary>An unknown kind is a configuration error, never a silent fallback to another device (the validator names
    /// it first), worded in the validator's shape.</summary>
    private static Kiosk.DeviceDrivers.DeviceConfigurationException Unknown(string key, string value, string[] known) =>
        new(SettingTeks.Line(key, SettingTeks.OneOf(known, value)));

    private static KioskOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<KioskOptions>>().Value;
}
