using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.RegularExpressions;
using Kiosk.Device.Text;

namespace Kiosk.Device.Tools;

/// <summary>
/// System.CommandLine's own words (the "Usage:"/"Options:"/"Commands:" headings, the help and version options, parse
/// errors) in Bahasa Indonesia: it ships no Indonesian, and a technician reads these on the Pi. The words are in
/// <see cref="Teks"/>; this class only puts them where the library would put its English.
/// </summary>
public static partial class CommandLineText
{
    /// <summary>Help written with Indonesian headings and descriptions for <paramref name="root"/> and every subcommand.</summary>
    public static void Localize(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case HelpOption help:
                    help.Description = Teks.HelpOptionHelp;
                    help.Action = new IndonesianHelp();
                    break;
                case VersionOption version:
                    version.Description = Teks.VersionOptionHelp;
                    break;
            }
        }
    }

    /// <summary>
    /// Parses like <c>root.Parse(args)</c>; a parse error is written as Indonesian lines with a pointer to --help and
    /// gives exit code 2 instead of the library's English and its help page.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);

        // The library words its errors in the UI culture; invariant gives the English this class knows how to read.
        var culture = CultureInfo.CurrentUICulture;
        ParseResult parse;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            parse = root.Parse(args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }

        if (parse.Errors.Count > 0 && parse.Action is not IndonesianHelp)
        {
            foreach (var problem in parse.Errors.Select(e => Translate(e.Message)).Distinct(StringComparer.Ordinal))
            {
                await error.WriteLineAsync(problem);
            }

            await error.WriteLineAsync(Teks.SeeHelp(root.Name));
            return 2;
        }

        return await parse.InvokeAsync();
    }

    /// <summary>One of the library's English errors as an Indonesian line; what it quoted (the token, the option) is kept.</summary>
    public static string Translate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var quoted = Quoted().Matches(message).Select(m => m.Groups["q"].Value).ToArray();
        string At(int i) => i < quoted.Length ? quoted[i] : "?";
        return message switch
        {
            _ when message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal) => Teks.UnknownCommandOrArgument(At(0)),
            _ when message.StartsWith("Option '", StringComparison.Ordinal) && message.EndsWith("is required.", StringComparison.Ordinal) => Teks.OptionRequired(At(0)),
            _ when message.StartsWith("Required argument missing for option", StringComparison.Ordinal) => Teks.OptionNeedsValue(At(0)),
            _ when message.StartsWith("Required argument missing for command", StringComparison.Ordinal) => Teks.CommandNeedsValue(At(0)),
            _ when message.StartsWith("Cannot parse argument", StringComparison.Ordinal) && message.Contains("for option", StringComparison.Ordinal) => Teks.OptionValueUnreadable(At(0), At(1)),
            _ when message.Contains("expects a single argument", StringComparison.Ordinal) => Teks.OptionTakesOneValue(At(0)),
            _ when message.StartsWith("Required command was not provided", StringComparison.Ordinal) => Teks.CommandMissing,
            _ when quoted.Length > 0 => Teks.UnreadableToken(At(0)),
            _ => Teks.CommandLineUnreadable,
        };
    }

    /// <summary>The help page for the command asked about: description, usage, options, subcommands.</summary>
    public static void WriteHelp(Command command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            output.WriteLine(command.Description);
            output.WriteLine();
        }

        var usage = string.Join(' ', Ancestors(command).Reverse().Select(c => c.Name).Append(command.Name));
        if (command.Subcommands.Any(c => !c.Hidden))
        {
            usage += " " + Teks.UsageCommandWord;
        }

        usage += " " + Teks.UsageOptionsWord;
        if (!command.TreatUnmatchedTokensAsErrors)
        {
            usage += " " + Teks.UsageSettingsWord;
        }

        output.WriteLine(Teks.UsageTitle);
        output.WriteLine("  " + usage);

        var options = command.Options
            .Concat(Ancestors(command).SelectMany(a => a.Options).Where(o => o.Recursive))
            .Where(o => !o.Hidden)
            .DistinctBy(o => o.Name)
            .Select(Row)
            .ToList();
        WriteSection(output, Teks.OptionsTitle, options);
        WriteSection(output, Teks.CommandsTitle, command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? string.Empty)).ToList());
    }

    private static void WriteSection(TextWriter output, string title, List<(string First, string Second)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(title);
        var width = rows.Max(r => r.First.Length) + 2;
        foreach (var (first, second) in rows)
        {
            output.WriteLine("  " + first.PadRight(width) + second);
        }
    }

    private static (string First, string Second) Row(Option option)
    {
        // The DOS spellings (/h, /?) mean nothing on the Pi's shell.
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => n.StartsWith('-')).Distinct(StringComparer.Ordinal).OrderBy(n => n.Length));
        var value = option.Arity.MaximumNumberOfValues == 0 || option.ValueType == typeof(bool) ? string.Empty : $" <{option.HelpName ?? Teks.ValueWord}>";
        var description = (option.Description ?? string.Empty) + (option.Required ? " " + Teks.RequiredMark : string.Empty);
        return (names + value, description);
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    /// <summary>-h/--help: our page instead of the library's English one.</summary>
    private sealed class IndonesianHelp : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            WriteHelp(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }

    [GeneratedRegex("'(?<q>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
