namespace Kiosk.DeviceDrivers.Printing.Rendering;

/// <summary>
/// CODE128 bar patterns (ISO/IEC 15417) for drawing a barcode in the preview the way the printer draws it:
/// the printer adds the check symbol itself, so the preview computes it the same way.
/// </summary>
internal static class Code128Symbols
{
    private const int StartB = 104;
    private const int StartC = 105;
    private const int Stop = 106;

    /// <summary>Bar/space widths in modules for values 0..106, bar first; 106 (stop) includes the final bar.</summary>
    private static readonly string[] Widths =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    /// <summary>The symbol values for <paramref name="data"/> (same code-set choice as the encoder), start to stop.</summary>
    public static IReadOnlyList<int> Encode(string data)
    {
        var values = new List<int>();
        if (data.Length >= 4 && data.Length % 2 == 0 && data.All(char.IsAsciiDigit))
        {
            values.Add(StartC);
            for (var i = 0; i < data.Length; i += 2)
            {
                values.Add(((data[i] - '0') * 10) + (data[i + 1] - '0'));
            }
        }
        else
        {
            values.Add(StartB);
            values.AddRange(data.Select(c => c is >= ' ' and <= '~' ? c - ' ' : '?' - ' '));
        }

        var checksum = values[0];
        for (var i = 1; i < values.Count; i++)
        {
            checksum += values[i] * i;
        }

        values.Add(checksum % 103);
        values.Add(Stop);
        return values;
    }

    /// <summary>Alternating bar/space widths in modules for the whole symbol.</summary>
    public static IEnumerable<int> ModuleWidths(string data) => Encode(data).SelectMany(v => Widths[v].Select(c => c - '0'));
}
