using Kiosk.Queue.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary>Turns a configuration failure into the lines a technician needs: which key, and why.</summary>
public static class ConfigurationErrors
{
    /// <summary>sysexits.h EX_CONFIG: systemd's RestartPreventExitStatus stops a restart loop on a broken config.</summary>
    public const int ExitCode = 78;

    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OptionsValidationException options:
                    return options.Failures.ToArray();
                case QueueConfigurationException queue:
                    return [$"Queue:{queue.Key}: {queue.Reason}"];
                case Kiosk.DeviceDrivers.DeviceConfigurationException device:
                    return [device.Message];
                case Kiosk.DeviceDrivers.Printing.Imaging.ImageFormatException image:
                    return [$"Kiosk:Printer:LogoFile: {image.Message}"];
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Select(Describe).Where(d => d is not null).SelectMany(d => d!).ToArray() is { Length: > 0 } all ? all : null;
            }
        }

        return null;
    }
}
