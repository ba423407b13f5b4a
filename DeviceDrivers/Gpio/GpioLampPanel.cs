using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>Lamps and buzzer on GPIO output lines, all requested dark/silent when the panel opens.</summary>
public sealed class GpioLampPanel : LampPanelBase, IDisposable
{
    private readonly Dictionary<string, GpioLineRequest> outputs = new(StringComparer.Ordinal);
    private readonly ILogger logger;

    public GpioLampPanel(IReadOnlyCollection<LampOptions> lamps, string? buzzerId = null, ILogger<GpioLampPanel>? logger = null)
        : this(lamps, buzzerId, path => LinuxGpioChipIo.Open(GpioChipLocator.Resolve(path)), logger)
    {
    }

    internal GpioLampPanel(IReadOnlyCollection<LampOptions> lamps, string? buzzerId, Func<string, IGpioChipIo> openChip, ILogger? logger)
        : base(lamps, buzzerId, requireWiring: true)
    {
        this.logger = logger ?? NullLogger.Instance;
        try
        {
            foreach (var lamp in lamps)
            {
                using var chip = new GpioChip(openChip(lamp.Chip));
                var offset = chip.ResolveLine(lamp.Line);
                outputs[lamp.Id] = chip.Request([offset], OutputSettings(lamp), $"kiosk-{lamp.Id}");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var output in outputs.Values)
        {
            output.Dispose();
        }

        outputs.Clear();
    }

    internal static GpioLineSettings OutputSettings(LampOptions lamp) => new() { Output = true, ActiveLow = lamp.ActiveLow, InitialValue = false };

    protected override void Write(string lampId, bool lit)
    {
        try
        {
            outputs[lampId].SetValue(0, lit);
        }
        catch (GpioException ex)
        {
            logger.LogError("Lamp {LampId} cannot be switched {State}: {Reason}", lampId, lit ? "on" : "off", ex.Message);
            throw;
        }
    }
}
