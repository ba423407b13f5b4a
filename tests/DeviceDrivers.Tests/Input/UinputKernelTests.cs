using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Scanning;
using Kiosk.DeviceDrivers.Tests.Gpio;
using Microsoft.Extensions.Logging;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>The keyboard-wedge reader against the real kernel input layer, where /dev/uinput exists.</summary>
public sealed class UinputKernelTests
{
    [SkippableFact]
    public async Task A_uinput_keyboard_is_grabbed_decoded_and_its_removal_reported()
    {
        if (!File.Exists("/dev/uinput"))
        {
            throw new SkipException("/dev/uinput does not exist here (needs the uinput module, e.g. `modprobe uinput`, and access to /dev/uinput)");
        }

        UinputKeyboard keyboard;
        try
        {
            keyboard = UinputKeyboard.Create("Kiosk Test Scanner");
        }
        catch (IOException ex)
        {
            throw new SkipException($"a uinput device cannot be created here: {ex.Message}");
        }

        using (keyboard)
        {
            var logger = new RecordingLogger();
            await using var reader = new EvdevScanReader(new EvdevScanReaderOptions { DevicePath = keyboard.EventPath, ReopenIntervalMs = 50 }, path => LinuxInputDeviceIo.Open(path), logger);
            var probe = new ReaderProbe(reader);
            await reader.StartAsync(CancellationToken.None);
            await probe.WaitForStateAsync(ReaderState.Connected);

            keyboard.Type("RM-00123456\n");
            var scan = await probe.NextScanAsync();
            keyboard.Destroy();
            var lost = await probe.WaitForStateAsync(ReaderState.Disconnected);

            Assert.Equal(("RM-00123456", ScanEnd.Terminator), (scan.Text, scan.End));
            Assert.False(logger.Contains(LogLevel.Warning, "grab refused"), "the kernel refused EVIOCGRAB on a fresh device");
            Assert.False(string.IsNullOrEmpty(lost.Reason));
        }
    }
}
