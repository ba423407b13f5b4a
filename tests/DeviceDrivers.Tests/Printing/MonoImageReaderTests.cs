using System.Buffers.Binary;
using Kiosk.DeviceDrivers.Printing.Imaging;

namespace Kiosk.DeviceDrivers.Tests.Printing;

public class MonoImageReaderTests
{
    [Fact]
    public void Reads_a_plain_pbm_with_comments()
    {
        var bitmap = MonoImageReader.Read("P1\n# logo\n3 2\n1 0 1\n0 1 0\n"u8);
        Assert.Equal((3, 2), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap[0, 0]);
        Assert.False(bitmap[1, 0]);
        Assert.True(bitmap[2, 0]);
        Assert.True(bitmap[1, 1]);
        Assert.Equal([0xA0, 0x40], bitmap.PackedRows.ToArray());
    }

    [Fact]
    public void Reads_a_binary_pbm_and_clears_the_row_padding()
    {
        byte[] file = [.. "P4\n10 2\n"u8, 0xFF, 0xFF, 0x00, 0x40];
        var bitmap = MonoImageReader.Read(file);
        Assert.Equal([0xFF, 0xC0, 0x00, 0x40], bitmap.PackedRows.ToArray());
        Assert.True(bitmap[9, 1]);
    }

    [Fact]
    public void Reads_a_bottom_up_1_bit_bmp_with_either_palette_order()
    {
        var black = new MonoBitmap(10, 3);
        black[0, 0] = true;
        black[9, 2] = true;
        black[4, 1] = true;
        Assert.Equal(black, MonoImageReader.Read(Bmp(black, zeroIsBlack: true)));
        Assert.Equal(black, MonoImageReader.Read(Bmp(black, zeroIsBlack: false)));
    }

    [Theory]
    [InlineData("GIF89a")]
    [InlineData("P1\n2\n")]
    [InlineData("P1\n2 2\n1 0 1")]
    [InlineData("P1\n2 1\n1 7")]
    [InlineData("P4\n16 4\nab")]
    public void Broken_files_are_typed_errors(string content) =>
        Assert.Throws<ImageFormatException>(() => MonoImageReader.Read(System.Text.Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void A_colour_bmp_is_refused_with_the_reason()
    {
        var file = Bmp(new MonoBitmap(8, 1), zeroIsBlack: true);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), 24);
        var error = Assert.Throws<ImageFormatException>(() => MonoImageReader.Read(file));
        Assert.Contains("1-bit", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes a BITMAPINFOHEADER 1-bit BMP, bottom-up, rows padded to 4 bytes.</summary>
    internal static byte[] Bmp(MonoBitmap image, bool zeroIsBlack)
    {
        var stride = ((image.Width + 31) / 32) * 4;
        var dataOffset = 14 + 40 + 8;
        var file = new byte[dataOffset + (stride * image.Height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), dataOffset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), image.Height);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), 1);
        var white = zeroIsBlack ? 58 : 54;
        file.AsSpan(white, 3).Fill(0xFF);
        for (var y = 0; y < image.Height; y++)
        {
            var target = file.AsSpan(dataOffset + ((image.Height - 1 - y) * stride), image.BytesPerRow);
            var row = image.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                target[i] = zeroIsBlack ? (byte)~row[i] : row[i];
            }
        }

        return file;
    }
}
