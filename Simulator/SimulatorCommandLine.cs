using System.Globalization;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator;

/// <summary>
/// <c>./kiosk.sh run [--config FILE] [--port N] [--screens-url URL] [--data DIR] [--no-browser] [--scenario NAME|FILE [--headless]]
/// [--Section:Key=value ...]</c>: the simulator's own switches plus kiosk settings, passed on like the Pi's.
/// </summary>
public sealed class SimulatorCommandLine
{
    public int Port { get; private set; }

    /// <summary>An extra kiosk configuration file, read after the sample appsettings.json.</summary>
    public string? ConfigFile { get; private set; }

    public Uri? ScreensUrl { get; private set; }

    public string? DataDirectory { get; private set; }

    public bool OpenBrowser { get; private set; } = true;

    public string? Scenario { get; private set; }

    public bool Headless { get; private set; }

    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    public static bool TryParse(string[] args, out SimulatorCommandLine options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new SimulatorCommandLine();
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(arg + SimulatorTeks.NeedsValueSuffix);
            try
            {
                switch (arg)
                {
                    case "--config":
                        options.ConfigFile = Value();
                        break;
                    case "--port":
                        options.Port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "--screens-url":
                        options.ScreensUrl = new Uri(Value(), UriKind.Absolute);
                        break;
                    case "--data":
                        options.DataDirectory = Path.GetFullPath(Value());
                        break;
                    case "--no-browser":
                        options.OpenBrowser = false;
                        break;
                    case "--scenario":
                        options.Scenario = Value();
                        break;
                    case "--headless":
                        options.Headless = true;
                        options.OpenBrowser = false;
                        break;
                    case "-h" or "--help":
                        error = "bantuan:";
                        return false;
                    default:
                        if (arg.StartsWith("--config=", StringComparison.Ordinal))
                        {
                            options.ConfigFile = arg["--config=".Length..];
                            break;
                        }

                        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
                        {
                            var setting = arg[2..];
                            var equals = setting.IndexOf('=', StringComparison.Ordinal);
                            if (equals > 0)
                            {
                                options.Overrides[setting[..equals]] = setting[(equals + 1)..];
                            }
                            else
                            {
                                options.Overrides[setting] = Value();
                            }

                            break;
                        }

                        error = SimulatorTeks.UnknownOption(arg);
                        return false;
                }
            }
            catch (UriFormatException)
            {
                error = $"{arg}: {SimulatorTeks.NotAUrl}";
                return false;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                error = $"{arg}: {SimulatorTeks.NotAPort}";
                return false;
            }
            catch (ArgumentException ex)
            {
                // Only our own "perlu nilai" and Path.GetFullPath's refusals come here; the latter are .NET English.
                error = ex.Message.EndsWith(SimulatorTeks.NeedsValueSuffix, StringComparison.Ordinal) ? ex.Message : $"{arg}: {SimulatorTeks.NotAPath}";
                return false;
            }
        }

        return true;
    }
}
