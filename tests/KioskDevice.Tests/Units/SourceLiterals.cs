using System.Text.RegularExpressions;
using Kiosk.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kiosk.Device.Tests.Units;

/// <summary>
/// The string literals of the product's C# sources, read with the compiler's parser: where each one sits and whether
/// it is Indonesian. A log template (a <c>[LoggerMessage]</c> attribute or a <c>logger.LogX(...)</c> call) is the
/// technician's journal and may stay English, so it is left out.
/// </summary>
internal static partial class SourceLiterals
{
    public static readonly string[] ProductProjects = ["Broker", "Contract", "DeviceDrivers", "District", "DistrictLink", "KioskDevice", "Kabupaten", "Mqtt", "QueueEngine", "Screens", "Simulator"];

    /// <summary>Words that mark a literal as an Indonesian sentence; none of them is also an English word.</summary>
    private static readonly HashSet<string> IndonesianWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "tidak", "harus", "silakan", "loket", "nomor", "antrean", "pasien", "tiket", "kertas", "gagal", "sudah", "belum",
        "tekan", "hubungi", "mohon", "periksa", "dengan", "untuk", "sedang", "tunggu", "berhasil", "dicetak", "petugas",
        "teknisi", "konfigurasi", "berkas", "bukan", "tanpa", "atau", "lalu", "dikenal", "sekarang", "dipanggil", "layanan",
    };

    public sealed record Literal(string Project, string File, int Line, string Text, bool InCatalogue);

    /// <summary>Every Indonesian literal of the product projects, in the catalogues (a <c>Text/</c> folder) or not.</summary>
    public static IReadOnlyList<Literal> Indonesian() => [.. All().Where(l => IsIndonesian(l.Text))];

    /// <summary>Every literal of the catalogues, Indonesian-looking or not.</summary>
    public static IReadOnlyList<Literal> CatalogueLiterals() => [.. All().Where(l => l.InCatalogue)];

    private static IReadOnlyList<Literal> All() => Cached.Value;

    private static readonly Lazy<IReadOnlyList<Literal>> Cached = new(Read);

    private static List<Literal> Read()
    {
        var root = Repository.Root;
        var found = new List<Literal>();
        foreach (var project in ProductProjects)
        {
            var folder = Path.Combine(root, project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Split('/') is var parts && (parts.Contains("bin") || parts.Contains("obj")))
                {
                    continue;
                }

                var inCatalogue = relative.Split('/').Contains("Text");
                var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: relative);
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    var text = node switch
                    {
                        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal => literal.Token.ValueText,
                        InterpolatedStringExpressionSyntax interpolated =>
                            string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : "{…}")),
                        _ => null,
                    };
                    if (text is null || IsLogTemplate(node))
                    {
                        continue;
                    }

                    var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add(new Literal(project, relative, line, text, inCatalogue));
                }
            }
        }

        return found;
    }

    /// <summary>An Indonesian word in a literal that is not a code token: a route ("/api/loket/masuk"), a query or
    /// cookie name ("tiket", "loket_sesi_"), a file name or a payload's scheme ("ANTREAN:{id}" in a ticket's QR code,
    /// read by a scanner like "mailto:" is) is a name in the code, not a sentence.</summary>
    public static bool IsIndonesian(string text) => !IsCodeToken(text) && Word().Matches(text).Any(m => IndonesianWords.Contains(m.Value));

    private static bool IsCodeToken(string text) =>
        !text.Any(char.IsWhiteSpace) && (!text.Any(char.IsUpper) || text.IndexOfAny(['/', '_', '=', '.']) >= 0 || Scheme().IsMatch(text));

    private static bool IsLogTemplate(SyntaxNode node) =>
        node.Ancestors().Any(a => a switch
        {
            AttributeSyntax attribute => attribute.Name.ToString() is "LoggerMessage" or "LoggerMessageAttribute",
            InvocationExpressionSyntax call => call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText.StartsWith("Log", StringComparison.Ordinal),
                IdentifierNameSyntax name => name.Identifier.ValueText.StartsWith("Log", StringComparison.Ordinal),
                _ => false,
            },
            _ => false,
        });

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    // An all-caps word and a colon at the start of a single token: a scheme, as in ANTREAN:{id} or MAILTO:.
    [GeneratedRegex(@"^\p{Lu}[\p{Lu}\d-]*:")]
    private static partial Regex Scheme();
}
