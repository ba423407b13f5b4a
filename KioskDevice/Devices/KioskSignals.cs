using Kiosk.Device.Configuration;
using Kiosk.DeviceDrivers.Gpio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Devices;

/// <summary>
/// What a patient sees and hears without reading a screen: the buttons are lit while a ticket can be printed, the
/// problem lamp is lit while it cannot, and the buzzer tells a refused press (three short beeps), a rejected scan
/// (two), a second press of the same patient that gives no second ticket (one short) and a printer that failed
/// mid-ticket (one long) apart.
/// </summary>
public sealed partial class KioskSignals(ILampPanel lamps, IOptions<KioskOptions> options, ILogger<KioskSignals> logger) : IDisposable
{
    public const string ProblemLamp = "problem";
    public const string Buzzer = "buzzer";
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan Long = TimeSpan.FromMilliseconds(900);
    private readonly SemaphoreSlim buzzer = new(1, 1);

    public static string ButtonLamp(string buttonId) => $"lamp-{buttonId}";

    /// <summary>Lights the buttons when tickets can be printed, the problem lamp when they cannot.</summary>
    public void ShowPrinterReady(bool ready)
    {
        SetIfPresent(ProblemLamp, !ready);
        foreach (var button in options.Value.Buttons)
        {
            SetIfPresent(ButtonLamp(button.Id), ready);
        }
    }

    public void Dispose() => buzzer.Dispose();

    public Task RefusedAsync() => BeepAsync(Short, 3);

    public Task ScanRejectedAsync() => BeepAsync(Short, 2);

    public Task PressIgnoredAsync() => BeepAsync(Short, 1);

    public Task PrintFailedAsync() => BeepAsync(Long, 1);

    private void SetIfPresent(string lampId, bool lit)
    {
        if (!lamps.LampIds.Contains(lampId))
        {
            return;
        }

        try
        {
            lamps.Set(lampId, lit);
        }
        catch (IOException ex)
        {
            // A dead lamp line (GpioException is an IOException) must not stop tickets; the doctor shows which line refuses.
            LogLampFailed(logger, lampId, ex.Message);
        }
    }

    private async Task BeepAsync(TimeSpan length, int times)
    {
        if (!lamps.LampIds.Contains(Buzzer))
        {
            return;
        }

        await buzzer.WaitAsync();
        try
        {
            for (var i = 0; i < times; i++)
            {
                if (i > 0)
                {
                    await Task.Delay(Short);
                }

                await lamps.BeepAsync(length);
            }
        }
        catch (IOException ex)
        {
            // A broken buzzer must not stop a ticket.
            LogBuzzerFailed(logger, ex.Message);
        }
        finally
        {
            buzzer.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lamp {Lamp} could not be set: {Reason}")]
    private static partial void LogLampFailed(ILogger logger, string lamp, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Buzzer failed: {Reason}")]
    private static partial void LogBuzzerFailed(ILogger logger, string reason);
}
