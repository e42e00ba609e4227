<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>PoolScope</name>
    <message>
      <location filename="gui/app.py" line="380" />
      <source>onnx: --same is --auto-pad SAME_UPPER; give one of them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gui/experiments/base.py" line="58" />
      <source>The image holds NaN or infinite values, so the experiments cannot measure anything: load an image of finite numbers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="118" />
      <source>The kernel holds NaN or infinite numbers: type finite ones.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="161" />
      <source>Values above 1e15 are too large to show and compare; scale them down.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="engine/io/export.py" line="301" />
      <source>There is nothing to animate.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="85" />
      <source>The matrix is empty: type or paste some numbers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="114" />
      <source>This pooling has no 3D form.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="103" />
      <source>3D pooling follows PyTorch (max_pool3d, avg_pool3d, ...): choose the PyTorch framework for a volume.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Max</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>The largest value of each window; padding is -inf, ties go to the first maximum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>The mean of each window; padding is 0 and counts in the divisor by default (PyTorch, Flax; not ONNX, never Keras).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Lp (power average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>(sum of x^p over the window)^(1/p): p = 1 sums, large p approaches the maximum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Adaptive max</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>A fixed output size; each window, sized from the input, gives its maximum.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Adaptive average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>A fixed output size; each window, sized from the input, gives its mean.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Fractional max</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Max over windows of the kernel's size whose starts step by 1 or 2 cells in a seeded pseudo-random sequence, for any output size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>The smallest value of each window, -max(-x); used on inverted feature maps.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Global max</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>One value per channel: its maximum, whatever the input size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Global average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>One value per channel: its mean, whatever the input size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Stochastic</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Each window picks one cell at random, with probability proportional to its (positive) value; at inference, the probability-weighted average.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Mixed (max and average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>lambda * max + (1 - lambda) * average over the same windows.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>SoftPool</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>The softmax-weighted average of each window: between average and max.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>BlurPool (anti-aliased max)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Max with stride 1, then a binomial blur evaluated every stride cells: less aliasing when the input shifts.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Spatial pyramid</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="kinds" />
      <source>Max over l x l bins for every level l, concatenated: a fixed-length vector whatever the input size.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Framework</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Whose rules max and average pooling follow: PyTorch, TensorFlow/Keras, JAX/Flax or ONNX. Padding, the average's divisor, ceil mode and the defaults differ between them (View &gt; Frameworks shows all four side by side)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>PyTorch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>TensorFlow / Keras</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>JAX / Flax</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>ONNX</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Kernel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Window size in cells (height, width)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Stride</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Step between windows (height, width); equal to the kernel, windows tile</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Cells added on both sides of the input, at most half the kernel (-inf for max, zeros for average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Dilation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Spacing between the cells of a window: 1 is a solid window, 2 skips every other cell</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>ceil mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Round the output size up: keep a last window that hangs over the edge</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>'same' padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>The framework's padding='same': ceil(L/s) outputs whatever the kernel, the padding split with the odd extra cell at the bottom/right (Keras averages over the real cells only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>auto_pad</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>ONNX's automatic padding: NOTSET uses the pads below; SAME_UPPER and SAME_LOWER give ceil(L/s) outputs with the odd extra padding cell at the end or at the start; VALID pads nothing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>NOTSET (use pads)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>SAME_UPPER</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>SAME_LOWER</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>VALID</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Pads</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Padding cells on each side, top, left, bottom and right: JAX and ONNX may pad unevenly (-inf for max, zeros for average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>count padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Average: divide by the whole window including padding (count_include_pad=True, PyTorch's and Flax's default) or by the real cells only (ONNX's default)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Divisor override</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Average: divide every window sum by this fixed number instead (divisor_override)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Power p</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Lp pooling power p: 1 sums the window, large p approaches the maximum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Output size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Adaptive pooling: the output size (height, width) whatever the input size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Mix lambda</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Mixed pooling: lambda * max + (1 - lambda) * average</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Seed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Seed of the random draw: stochastic pooling's picks, fractional pooling's windows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>inference (weighted average)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Stochastic pooling at test time: the probability-weighted average instead of a random pick</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Blur taps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>BlurPool: taps of the binomial low-pass filter applied before subsampling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Tie rule</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Where the gradient of a window whose maximum is tied goes: autograd (PyTorch, JAX) sends it all to the first maximum; the textbook mask (window == max) sends it to every tied maximum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>first maximum (autograd)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>every tied maximum (window == max)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth kernel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Window size along the depth of a volume (kernel_size[0] of the 3D pool)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth stride</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Step between windows along the depth (stride[0])</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Slices added before and after the volume (padding[0]), at most half the depth kernel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth dilation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Spacing between the slices of a window (dilation[0])</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Output depth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Adaptive and fractional pools: the number of output slices (output_size[0])</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Pyramid levels</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="parameters" />
      <source>Spatial pyramid levels, e.g. 4,2,1 for 4x4, 2x2 and 1x1 bins</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil mode drops a window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil_mode=True gives fewer windows than the ceil formula: 3 per axis here, not 4.
PyTorch drops a last window that would start in the right padding or past the input, so every window keeps an input cell.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil_mode=True gives fewer windows than the ceil formula: 3 per axis here, not 4.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>PyTorch drops a last window that would start in the right padding or past the input, so every window keeps an input cell.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>padding over half the kernel</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(4, stride=4, padding=3) is refused: padding may be at most half the kernel.
Max pooling pads with -inf, which wide padding would leave in border outputs; the maintainers call it a limitation and suggest F.pad first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(4, stride=4, padding=3) is refused: padding may be at most half the kernel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling pads with -inf, which wide padding would leave in border outputs; the maintainers call it a limitation and suggest F.pad first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>padding check ignores dilation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(3, stride=1, padding=2, dilation=2) is refused, though Conv2d accepts the same numbers and keeps 5 x 5 at 5 x 5.
The check compares the padding with the kernel size (3), not with the 5 cells the dilated window spans; PyTorch 2.13 still refuses it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(3, stride=1, padding=2, dilation=2) is refused, though Conv2d accepts the same numbers and keeps 5 x 5 at 5 x 5.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The check compares the padding with the kernel size (3), not with the 5 cells the dilated window spans; PyTorch 2.13 still refuses it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>average divisor in ceil mode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>With count_include_pad=True, a window that hangs past the padding is not divided by the kernel area.
PyTorch counts the padding cells but not the cells past them that ceil mode adds; ONNX Runtime and Core ML divided by the whole kernel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>With count_include_pad=True, a window that hangs past the padding is not divided by the kernel area.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>PyTorch counts the padding cells but not the cells past them that ceil mode adds; ONNX Runtime and Core ML divided by the whole kernel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil mode without padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Even with count_include_pad=True, the edge windows that ceil mode adds average only their real cells.
Without padding there is nothing to include: the overhang past the input never counts in PyTorch's divisor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Even with count_include_pad=True, the edge windows that ceil mode adds average only their real cells.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Without padding there is nothing to include: the overhang past the input never counts in PyTorch's divisor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX averages skip padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The same average pooling gives other border values in ONNX than in PyTorch.
ONNX AveragePool's count_include_pad defaults to 0 (real cells only), PyTorch's to True; an exporter that drops the attribute changes the answer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The same average pooling gives other border values in ONNX than in PyTorch.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX AveragePool's count_include_pad defaults to 0 (real cells only), PyTorch's to True; an exporter that drops the attribute changes the answer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>'same' averages real cells only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Average pooling with padding='same' differs from zero-padding the input and pooling with 'valid'.
TensorFlow and Keras divide each window by its real cells: the padding is left out of the average, not counted as zeros.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Average pooling with padding='same' differs from zero-padding the input and pooling with 'valid'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>TensorFlow and Keras divide each window by its real cells: the padding is left out of the average, not counted as zeros.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>'same' pads bottom and right</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>A 3 x 3 input with pool 2, stride 2 and padding='same' gives 3, 4.5, 7.5 and 9: windows of 4, 2, 2 and 1 cells.
The one padding row and column go at the bottom and right, never split around the input, and the average counts real cells only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>A 3 x 3 input with pool 2, stride 2 and padding='same' gives 3, 4.5, 7.5 and 9: windows of 4, 2, 2 and 1 cells.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The one padding row and column go at the bottom and right, never split around the input, and the average counts real cells only.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>a NaN wins max pooling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>One NaN makes its whole window NaN, and the window's gradient goes to the NaN.
In 2018 max pooling skipped NaNs (and gave -FLT_MAX for all-NaN windows); since the fix it propagates them as torch.max does.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>One NaN makes its whole window NaN, and the window's gradient goes to the NaN.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>In 2018 max pooling skipped NaNs (and gave -FLT_MAX for all-NaN windows); since the fix it propagates them as torch.max does.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>tied maximum: the first wins</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Of two equal maxima only the first gets the gradient; the other learns nothing.
Max pooling keeps the index of one maximum (PyTorch: the first), while reduce_max shares the gradient and Theano's CPU pool gave it to all.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Of two equal maxima only the first gets the gradient; the other learns nothing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling keeps the index of one maximum (PyTorch: the first), while reduce_max shares the gradient and Theano's CPU pool gave it to all.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>tied maximum: all win</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The textbook backward, a mask of the cells equal to the maximum, gives each tied maximum the full gradient.
That was Theano's CPU behaviour: the window then passes back twice its output gradient, unlike PyTorch (first only) or reduce_max (shared).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The textbook backward, a mask of the cells equal to the maximum, gives each tied maximum the full gradient.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>That was Theano's CPU behaviour: the window then passes back twice its output gradient, unlike PyTorch (first only) or reduce_max (shared).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>unpooling needs output_size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling maps several input sizes to one output size: 4 x 4 and 5 x 5 both give 2 x 2 here.
MaxUnpool2d cannot tell which one was pooled and assumes the smaller; pass output_size, as the maintainer advised.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling maps several input sizes to one output size: 4 x 4 and 5 x 5 both give 2 x 2 here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxUnpool2d cannot tell which one was pooled and assumes the smaller; pass output_size, as the maintainer advised.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>adaptive windows overlap</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>When the output size does not divide the input size, adaptive windows differ in size and overlap.
Window i covers floor(i * in / out) up to ceil((i + 1) * in / out), which the documentation did not say.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>When the output size does not divide the input size, adaptive windows differ in size and overlap.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Window i covers floor(i * in / out) up to ceil((i + 1) * in / out), which the documentation did not say.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>a window made of padding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Accepted settings can put a whole dilated window in the padding: kernel 2, dilation 3, padding 1 on a 2 x 2 input.
The output is -inf; PyTorch also reports an index outside the input for it, PoolScope no chosen cell and no gradient.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>Accepted settings can put a whole dilated window in the padding: kernel 2, dilation 3, padding 1 on a 2 x 2 input.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The output is -inf; PyTorch also reports an index outside the input for it, PoolScope no chosen cell and no gradient.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>divisor_override divides the sum</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>AvgPool2d(2, divisor_override=2) doubles the averages of AvgPool2d(2) instead of matching it.
The override replaces the divisor of the window sum, which is the window area (4), not kernel_size (2) as the module docs said.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>AvgPool2d(2, divisor_override=2) doubles the averages of AvgPool2d(2) instead of matching it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>The override replaces the divisor of the window sum, which is the window area (4), not kernel_size (2) as the module docs said.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>SAME_LOWER pads first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX SAME_UPPER and SAME_LOWER differ only in where the odd padding cell goes, and converters have mixed them up.
SAME_UPPER adds it at the end (bottom, right), SAME_LOWER at the beginning (top, left); onnxmltools' Core ML converter had them swapped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX SAME_UPPER and SAME_LOWER differ only in where the odd padding cell goes, and converters have mixed them up.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="gotchas" />
      <source>SAME_UPPER adds it at the end (bottom, right), SAME_LOWER at the beginning (top, left); onnxmltools' Core ML converter had them swapped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>astronaut</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>digit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>checkerboard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>matrix</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>matrix 6x6</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>volume</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="samples" />
      <source>sequence</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
