namespace Kiosk.DeviceDrivers.Printing.Imaging;

/// <summary>
/// A 1-bit image in the printer's own layout: rows of ceil(width/8) bytes, most significant bit leftmost, 1 = black
/// (burned dot). GS v 0 takes exactly these bytes, so printing a logo copies no pixels.
/// </summary>
public sealed class MonoBitmap : IEquatable<MonoBitmap>
{
    private readonly byte[] data;

    public MonoBitmap(int width, int height)
        : this(width, height, new byte[checked(BytesPerRowFor(width) * height)])
    {
    }

    /// <summary>Wraps packed rows; <paramref name="packedRows"/> must hold exactly ceil(width/8) * height bytes.</summary>
    public MonoBitmap(int width, int height, byte[] packedRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(packedRows);
        if (packedRows.Length != BytesPerRowFor(width) * height)
        {
            throw new ArgumentException($"A {width}x{height} bitmap needs {BytesPerRowFor(width) * height} bytes, got {packedRows.Length}.", nameof(packedRows));
        }

        Width = width;
        Height = height;
        data = packedRows;
        // Bits beyond the width in the last byte of a row are padding; keep them 0 so equal images compare equal.
        var padding = (BytesPerRow * 8) - width;
        if (padding > 0)
        {
            var mask = (byte)(0xFF << padding);
            for (var row = 0; row < height; row++)
            {
                data[(row * BytesPerRow) + BytesPerRow - 1] &= mask;
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    public int BytesPerRow => BytesPerRowFor(Width);

    public ReadOnlySpan<byte> PackedRows => data;

    public static int BytesPerRowFor(int width) => (width + 7) / 8;

    public bool this[int x, int y]
    {
        get => (data[(y * BytesPerRow) + (x >> 3)] & (0x80 >> (x & 7))) != 0;
        set
        {
            ref var b = ref data[(y * BytesPerRow) + (x >> 3)];
            b = value ? (byte)(b | (0x80 >> (x & 7))) : (byte)(b & ~(0x80 >> (x & 7)));
        }
    }

    public ReadOnlySpan<byte> Row(int y) => data.AsSpan(y * BytesPerRow, BytesPerRow);

    /// <summary>Rows <paramref name="start"/>..start+count as a new bitmap (used to send tall images in bands).</summary>
    public MonoBitmap Slice(int start, int count) => new(Width, count, data.AsSpan(start * BytesPerRow, count * BytesPerRow).ToArray());

    /// <summary>Stacks <paramref name="below"/> under this image (the interpreter joins consecutive raster bands).</summary>
    public MonoBitmap Append(MonoBitmap below)
    {
        ArgumentNullException.ThrowIfNull(below);
        if (below.Width != Width)
        {
            throw new ArgumentException("Only images of the same width can be stacked.", nameof(below));
        }

        var joined = new byte[data.Length + below.data.Length];
        data.CopyTo(joined, 0);
        below.data.CopyTo(joined, data.Length);
        return new MonoBitmap(Width, Height + below.Height, joined);
    }

    public bool Equals(MonoBitmap? other) => other is not null && other.Width == Width && other.Height == Height && other.data.AsSpan().SequenceEqual(data);

    public override bool Equals(object? obj) => Equals(obj as MonoBitmap);

    public override int GetHashCode() => HashCode.Combine(Width, Height, data.Length > 0 ? data[0] : 0);

    public override string ToString() => $"{Width}x{Height} 1-bit";
}
