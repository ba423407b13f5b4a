using System.Buffers.Binary;

namespace Kiosk.DeviceDrivers.Printing.Imaging;

/// <summary>
/// Reads the two formats a Puskesmas logo is easy to produce in without an imaging library: Netpbm bitmaps (P1 text,
/// P4 binary; 1 = black, as on paper) and uncompressed 1-bit BMP (palette decides which index is black, rows may be
/// stored bottom-up). Anything else is an <see cref="ImageFormatException"/> naming the problem.
/// </summary>
public static class MonoImageReader
{
    public static MonoBitmap Load(string path) => Read(File.ReadAllBytes(path));

    public static MonoBitmap Read(ReadOnlySpan<byte> file) =>
        file.Length >= 2 && file[0] == 'P' && (file[1] == '1' || file[1] == '4') ? ReadPbm(file)
        : file.Length >= 2 && file[0] == 'B' && file[1] == 'M' ? ReadBmp(file)
        : throw new ImageFormatException("Not a PBM (P1/P4) or BMP image: unknown signature.");

    public static MonoBitmap ReadPbm(ReadOnlySpan<byte> file)
    {
        if (file.Length < 2 || file[0] != 'P' || (file[1] != '1' && file[1] != '4'))
        {
            throw new ImageFormatException("Not a PBM image: expected P1 or P4.");
        }

        var binary = file[1] == '4';
        var position = 2;
        var width = ReadHeaderNumber(file, ref position, "width");
        var height = ReadHeaderNumber(file, ref position, "height");
        if (width < 1 || height < 1 || width > 4096 || height > 8192)
        {
            throw new ImageFormatException($"PBM size {width}x{height} is out of range (1..4096 x 1..8192).");
        }

        var bitmap = new MonoBitmap(width, height);
        if (binary)
        {
            // Exactly one whitespace byte separates the header from the raster.
            position++;
            var rowBytes = MonoBitmap.BytesPerRowFor(width);
            if (file.Length - position < rowBytes * height)
            {
                throw new ImageFormatException($"PBM raster is truncated: {rowBytes * height} bytes needed, {Math.Max(0, file.Length - position)} present.");
            }

            return new MonoBitmap(width, height, file.Slice(position, rowBytes * height).ToArray());
        }

        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                SkipWhitespaceAndComments(file, ref position);
                if (position >= file.Length)
                {
                    throw new ImageFormatException($"PBM pixel data ends early at pixel ({x},{y}).");
                }

                var c = file[position++];
                bitmap[x, y] = c switch
                {
                    (byte)'1' => true,
                    (byte)'0' => false,
                    _ => throw new ImageFormatException($"PBM pixel ({x},{y}) is '{(char)c}', expected 0 or 1."),
                };
            }
        }

        return bitmap;
    }

    public static MonoBitmap ReadBmp(ReadOnlySpan<byte> file)
    {
        if (file.Length < 54 || file[0] != 'B' || file[1] != 'M')
        {
            throw new ImageFormatException("Not a BMP image or header truncated.");
        }

        var dataOffset = BinaryPrimitives.ReadInt32LittleEndian(file[10..]);
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(file[14..]);
        if (headerSize < 40)
        {
            throw new ImageFormatException($"BMP header size {headerSize} is not supported (need BITMAPINFOHEADER or later).");
        }

        var width = BinaryPrimitives.ReadInt32LittleEndian(file[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(file[22..]);
        var bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(file[28..]);
        var compression = BinaryPrimitives.ReadInt32LittleEndian(file[30..]);
        if (bitsPerPixel != 1)
        {
            throw new ImageFormatException($"BMP has {bitsPerPixel} bits per pixel; convert the logo to 1-bit (monochrome) first.");
        }

        if (compression != 0)
        {
            throw new ImageFormatException($"BMP compression {compression} is not supported; save it uncompressed.");
        }

        var height = Math.Abs(rawHeight);
        if (width < 1 || height < 1 || width > 4096 || height > 8192)
        {
            throw new ImageFormatException($"BMP size {width}x{height} is out of range.");
        }

        // Palette: two BGRA entries after the info header. The darker entry is black on paper.
        var paletteOffset = 14 + headerSize;
        if (file.Length < paletteOffset + 8)
        {
            throw new ImageFormatException("BMP palette is missing.");
        }

        var brightness0 = file[paletteOffset] + file[paletteOffset + 1] + file[paletteOffset + 2];
        var brightness1 = file[paletteOffset + 4] + file[paletteOffset + 5] + file[paletteOffset + 6];
        var oneIsBlack = brightness1 < brightness0;

        var stride = ((width + 31) / 32) * 4;
        if (dataOffset < 0 || file.Length < dataOffset + (stride * height))
        {
            throw new ImageFormatException($"BMP pixel data is truncated: {stride * height} bytes needed from offset {dataOffset}.");
        }

        var rowBytes = MonoBitmap.BytesPerRowFor(width);
        var packed = new byte[rowBytes * height];
        var bottomUp = rawHeight > 0;
        for (var y = 0; y < height; y++)
        {
            var sourceRow = bottomUp ? height - 1 - y : y;
            var source = file.Slice(dataOffset + (sourceRow * stride), rowBytes);
            var target = packed.AsSpan(y * rowBytes, rowBytes);
            for (var i = 0; i < rowBytes; i++)
            {
                target[i] = oneIsBlack ? source[i] : (byte)~source[i];
            }
        }

        return new MonoBitmap(width, height, packed);
    }

    private static int ReadHeaderNumber(ReadOnlySpan<byte> file, ref int position, string what)
    {
        SkipWhitespaceAndComments(file, ref position);
        var start = position;
        var value = 0;
        while (position < file.Length && file[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = checked((value * 10) + (file[position] - '0'));
            position++;
        }

        return position == start ? throw new ImageFormatException($"PBM header: {what} is missing or not a number.") : value;
    }

    private static void SkipWhitespaceAndComments(ReadOnlySpan<byte> file, ref int position)
    {
        while (position < file.Length)
        {
            var c = file[position];
            if (c == '#')
            {
                while (position < file.Length && file[position] != '\n')
                {
                    position++;
                }
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                position++;
            }
            else
            {
                return;
            }
        }
    }
}
