using System.Text.Json;
using System.Text.RegularExpressions;
using Kiosk.Contract;
using Kiosk.Device.Text;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary>
/// The one error path for a broken configuration, shared by every command and the simulator: a broken or missing
/// file, a value of the wrong type, a value out of range all become one line each naming the file or key and the fix,
/// in Bahasa Indonesia, and exit code 78. The exception with its stack trace goes to the log at debug level only.
/// </summary>
public static partial class ConfigurationErrors
{
    /// <summary>sysexits.h EX_CONFIG: systemd's RestartPreventExitStatus stops a restart loop on a broken config.</summary>
    public const int ExitCode = 78;

    /// <summary>
    /// Writes the lines for a configuration failure and returns 78, or returns null when <paramref name="exception"/>
    /// is not a configuration failure (a real crash, which the caller lets through).
    /// </summary>
    /// <param name="configuration">Where the values came from, to name the file a bad key is in; null when the host was never built.</param>
    /// <param name="loggers">The host's loggers, or null to log through a console logger that honours Logging:LogLevel:Default.</param>
    public static int? Report(Exception exception, IConfiguration? configuration, ILoggerFactory? loggers, TextWriter error, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var problems = Describe(exception, configuration);
        if (problems is null)
        {
            return null;
        }

        foreach (var problem in problems)
        {
            error.WriteLine(Teks.ConfigurationInvalid(problem));
        }

        using var fallback = loggers is null ? DebugLoggers(args ?? []) : null;
        var logger = (loggers ?? fallback ?? (ILoggerFactory)NullLoggerFactory.Instance).CreateLogger("Kiosk.Device.Configuration");
        LogDetail(logger, exception);
        return ExitCode;
    }

    /// <summary>One line per problem ("key: what is wrong; the fix"), or null when this is no configuration failure.</summary>
    public static IReadOnlyList<string>? Describe(Exception exception, IConfiguration? configuration = null)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OptionsValidationException options:
                    return options.Failures.Select(f => WithFile(f, configuration)).ToArray();
                case QueueConfigurationException queue:
                    return [WithFile($"Queue:{ConfigPath(queue.Key)}: {queue.Reason}", configuration)];
                case Kiosk.DeviceDrivers.DeviceConfigurationException device:
                    return [WithFile(device.Message, configuration)];
                case Kiosk.DeviceDrivers.Printing.Imaging.ImageFormatException:
                    return [WithFile($"Kiosk:Printer:LogoFile: {Teks.LogoUnreadable}", configuration)];
                case KioskConfigurationFileException file:
                    return [file.Message];
                case FileNotFoundException missing when missing.Message.Contains("configuration file", StringComparison.Ordinal):
                    return [Teks.ConfigFileMissing(FileIn(missing.Message) ?? missing.FileName ?? "?")];
                case InvalidDataException broken when FileIn(broken.Message) is { } path:
                    var json = Inner<JsonException>(broken);
                    return [Teks.ConfigFileNotJson(path, json?.LineNumber + 1, json?.BytePositionInLine + 1)];
                case InvalidOperationException binding when BindingFailure().Match(binding.Message) is { Success: true } match:
                    var key = match.Groups["key"].Value;
                    var value = match.Groups["value"].Success ? match.Groups["value"].Value : configuration?[key];
                    return [WithFile($"{key}: {Teks.WrongType(value, TypeWords(match.Groups["type"].Value))}", configuration)];
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    var all = aggregate.InnerExceptions.Select(e => Describe(e, configuration)).Where(d => d is not null).SelectMany(d => d!).ToArray();
                    return all.Length > 0 ? all : null;
            }
        }

        return null;
    }

    /// <summary>"Services[0].Prefix" (the engine's key) as the configuration path a technician types: "Services:0:Prefix".</summary>
    private static string ConfigPath(string key) => key.Replace("[", ":", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', ':');

    /// <summary>Adds the file a key's value came from (the last source that sets it wins), so the technician opens the right one.</summary>
    private static string WithFile(string problem, IConfiguration? configuration)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || configuration is not IConfigurationRoot root)
        {
            return problem;
        }

        var key = problem[..colon];
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider is FileConfigurationProvider file && file.Source.Path is { } path
                    ? $"{problem} {Teks.InFile(file.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider physical ? Path.Combine(physical.Root, path) : path)}"
                    : problem;
            }
        }

        return problem;
    }

    private static string TypeWords(string typeName) => typeName switch
    {
        "System.Int32" or "System.Int64" or "System.Int16" or "System.UInt16" or "System.Byte" => Teks.TypeWholeNumber,
        "System.Double" or "System.Single" or "System.Decimal" => Teks.TypeNumber,
        "System.Boolean" => Teks.TypeBoolean,
        "System.TimeSpan" => Teks.TypeDuration,
        "System.Char" => Teks.TypeCharacter,
        _ when EnumNames(typeName) is { } names => Teks.TypeOneOf(names),
        _ => Teks.TypeOther,
    };

    /// <summary>
    /// The enums a setting can hold. Named here rather than looked up by the binder's type name, which needs reflection
    /// the Native AOT kiosk does not have; ConfigurationErrorsTests checks the list against the options' types.
    /// </summary>
    internal static IReadOnlyList<Type> SettingEnums { get; } = [typeof(ReturnPlacement), typeof(PatientCategory), typeof(Payer)];

    private static string? EnumNames(string typeName)
    {
        var type = SettingEnums.FirstOrDefault(t => t.FullName == typeName || $"System.Nullable`1[{t.FullName}]" == typeName);
        return type is null ? null : string.Join(", ", Enum.GetNames(type));
    }

    private static string? FileIn(string message) => QuotedFile().Match(message) is { Success: true } match ? match.Groups["file"].Value : null;

    private static T? Inner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Before the host exists its logging is not configured: honour Logging:LogLevel:Default from the environment or the command line.</summary>
    private static ILoggerFactory DebugLoggers(string[] args)
    {
        var level = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build()["Logging:LogLevel:Default"];
        var minimum = Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
        return LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum)
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    /// <summary>The host's view of the binder message: "Failed to convert configuration value ['v' ]at 'key' to type 'T'."</summary>
    [GeneratedRegex("configuration value (?:'(?<value>.*)' )?at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BindingFailure();

    [GeneratedRegex("'(?<file>/[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedFile();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Configuration refused; details for a developer")]
    private static partial void LogDetail(ILogger logger, Exception exception);
}
