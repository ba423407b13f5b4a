using Kiosk.DeviceDrivers.Diagnostics;
using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>
/// Buttons and lamps against the kernel's gpio-sim (configfs), where the machine has it: the whole uAPI v2 path
/// with real ioctls, real edge events and kernel debounce.
/// </summary>
public sealed class GpioSimKernelTests
{
    private const string ConfigFs = "/sys/kernel/config/gpio-sim";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task A_simulated_chip_gives_presses_drives_lamps_and_shows_in_the_inventory()
    {
        if (!Directory.Exists(ConfigFs))
        {
            throw new SkipException($"{ConfigFs} does not exist here (needs CONFIG_GPIO_SIM, `modprobe gpio-sim` and configfs mounted)");
        }

        var device = Path.Combine(ConfigFs, $"kiosk-test-{Environment.ProcessId}");
        var bank = Path.Combine(device, "bank0");
        try
        {
            Directory.CreateDirectory(device);
            Directory.CreateDirectory(bank);
            File.WriteAllText(Path.Combine(bank, "num_lines"), "4");
            Directory.CreateDirectory(Path.Combine(bank, "line1"));
            File.WriteAllText(Path.Combine(bank, "line1", "name"), "BTN_UMUM");
            File.WriteAllText(Path.Combine(device, "live"), "1");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Cleanup(device, bank);
            throw new SkipException($"gpio-sim refused a test chip: {ex.Message}");
        }

        try
        {
            var chipName = File.ReadAllText(Path.Combine(bank, "chip_name")).Trim();
            var sysfs = $"/sys/devices/platform/{File.ReadAllText(Path.Combine(device, "dev_name")).Trim()}/{chipName}";
            var button = new ButtonOptions { Id = "umum", Chip = chipName, Line = "BTN_UMUM", ActiveLow = false, Bias = GpioBias.AsIs, DebounceMs = 10, LockoutMs = 0, LongPressMs = 0 };
            await using var panel = new GpioButtonPanel([button]);
            await panel.StartAsync(CancellationToken.None);
            using var timeout = new CancellationTokenSource(Wait);

            File.WriteAllText($"{sysfs}/sim_gpio1/pull", "pull-up");
            var pressed = await panel.Events.ReadAsync(timeout.Token);
            File.WriteAllText($"{sysfs}/sim_gpio1/pull", "pull-down");
            var released = await panel.Events.ReadAsync(timeout.Token);

            using var lamps = new GpioLampPanel([new LampOptions { Id = "umum", Chip = chipName, Line = "2" }]);
            lamps.Set("umum", true);
            var lit = File.ReadAllText($"{sysfs}/sim_gpio2/value").Trim();
            var inventory = DeviceInventory.Collect();

            Assert.Equal(ButtonEventKind.Pressed, pressed.Kind);
            Assert.Equal(ButtonEventKind.Released, released.Kind);
            Assert.Equal("1", lit);
            var chip = Assert.Single(inventory.GpioChips, c => c.Info?.Name == chipName);
            Assert.Contains(chip.Lines, l => l.Name == "BTN_UMUM" && l.Consumer == "kiosk-umum");
        }
        finally
        {
            Cleanup(device, bank);
        }
    }

    private static void Cleanup(string device, string bank)
    {
        try
        {
            if (File.Exists(Path.Combine(device, "live")))
            {
                File.WriteAllText(Path.Combine(device, "live"), "0");
            }

            foreach (var line in Directory.Exists(bank) ? Directory.GetDirectories(bank) : [])
            {
                Directory.Delete(line);
            }

            if (Directory.Exists(bank))
            {
                Directory.Delete(bank);
            }

            if (Directory.Exists(device))
            {
                Directory.Delete(device);
            }
        }
        catch (IOException)
        {
            // configfs refuses removal while a request is open; the process is ending the test anyway.
        }
    }
}
