<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>PoolScope</name>
    <message>
      <location filename="gui/crash.py" line="75" />
      <source>Something went wrong</source>
      <translation>出错了</translation>
    </message>
    <message>
      <location filename="gui/crash.py" line="89" />
      <source>Copy details</source>
      <translation>复制详情</translation>
    </message>
    <message>
      <location filename="gui/crash.py" line="86" />
      <source>No log could be written. Your image and settings are unchanged.</source>
      <translation>无法写入日志。你的图像和设置均未改变。</translation>
    </message>
    <message>
      <location filename="gui/crash.py" line="77" />
      <source>PoolScope hit an unexpected problem and kept going:

{message}</source>
      <translation>PoolScope 遇到了意外问题，但仍在继续运行：

{message}</translation>
    </message>
    <message>
      <location filename="gui/crash.py" line="82" />
      <source>The details were written to {path}. Your image and settings are unchanged.</source>
      <translation>详情已写入 {path}。你的图像和设置均未改变。</translation>
    </message>
    <message>
      <location filename="gui/experiments/base.py" line="73" />
      <source>The image holds NaN or infinite values, so the experiments cannot measure anything: load an image of finite numbers.</source>
      <translation>图像中含有 NaN 或无穷大值，实验无法进行任何测量：请加载由有限数值构成的图像。</translation>
    </message>
    <message>
      <location filename="gui/experiments/base.py" line="83" />
      <source>The {kernel} x {kernel} window is larger than the {size} (H x W) crop the experiments use: choose a kernel of at most {largest}.</source>
      <translation>{kernel} x {kernel} 的窗口大于实验所用的 {size} (H x W) 裁剪区域：请选择不超过 {largest} 的核大小。</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="60" />
      <source>Compare</source>
      <translation>比较</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="61" />
      <source>Max pooling keeps the strongest response in each window, average pooling the overall level, and the others sit in between. Pick up to four types: they pool the same image with the same window (the kernel and stride of the controls). The difference map shows where two of them disagree: bright edges and small details, where the maximum and the mean of a window are far apart.</source>
      <translation>最大池化保留每个窗口中最强的响应，平均池化保留整体水平，其他池化方式介于两者之间。最多可选择四种类型：它们用相同的窗口（即控件中的核大小和步幅）对同一幅图像进行池化。差异图显示其中两种池化结果不一致的位置：明亮的边缘和细小的细节，即窗口的最大值与均值相差很大的地方。</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="89" />
      <source>Difference</source>
      <translation>差异</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="96" />
      <source>Which two panels the difference map subtracts</source>
      <translation>差异图由哪两个面板相减得到</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="100" />
      <source>difference</source>
      <translation>差异</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="79" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="84" />
      <source>A pooling type to compare</source>
      <translation>要比较的池化类型</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="209" />
      <source>Nonlinearity (the gap between pool(x + y) and pool(x) + pool(y), y the mirrored image): {numbers}. 0 means the pool is linear, as average pooling is; above 0 it is not: the maximum of a sum is not the sum of the maxima.</source>
      <translation>非线性度（pool(x + y) 与 pool(x) + pool(y) 之差，y 为镜像后的图像）：{numbers}。为 0 表示该池化是线性的，平均池化即是如此；大于 0 则表示非线性：和的最大值不等于最大值之和。</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="158" />
      <source>does not fit: see below</source>
      <translation>无法适用：见下文</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="171" />
      <source>Panel {number}: {problem}</source>
      <translation>面板 {number}：{problem}</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="180" />
      <source>Choose two types that give outputs of the same size for the difference map.</source>
      <translation>请为差异图选择两种输出大小相同的类型。</translation>
    </message>
    <message>
      <location filename="gui/experiments/compare.py" line="187" />
      <source>Outputs of {size} (H x W). Panel {first} minus panel {second}: mean absolute difference {mean}, largest {largest} (red: panel {first} higher, blue: lower).</source>
      <translation>输出大小为 {size} (H x W)。面板 {first} 减去面板 {second}：平均绝对差 {mean}，最大差 {largest}（红色：面板 {first} 更高，蓝色：更低）。</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="43" />
      <source>Cost</source>
      <translation>开销</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="44" />
      <source>Pooling shrinks what every later layer must store and compute. For a feature map of C channels at this image's size, the table gives the elements before and after the current pooling, the memory (float32), the multiply-adds of a following 3x3 convolution (C channels in and out), and the weights of a dense layer placed after flattening. Example: a 64 x 22 x 22 (C x H x W) map into 512 units needs about 15.9 M weights, and about 4.0 M after one 2x2 pool.</source>
      <translation>池化会缩小后续每一层需要存储和计算的数据量。对于一个有 C 个通道、大小与当前图像相同的特征图，下表给出当前池化前后的元素数、内存占用（float32）、后接一个 3x3 卷积（输入和输出均为 C 个通道）的乘加次数，以及展平后接一个全连接层的权重数。例如：64 x 22 x 22 (C x H x W) 的特征图接入 512 个单元，约需 1590 万个权重；经过一次 2x2 池化后约为 400 万个。</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="21" />
      <source>elements</source>
      <translation>元素数</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="22" />
      <source>memory (float32 bytes)</source>
      <translation>内存（float32 字节数）</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="23" />
      <source>3x3 conv multiply-adds</source>
      <translation>3x3 卷积乘加次数</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="24" />
      <source>dense layer weights</source>
      <translation>全连接层权重数</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="59" />
      <source>Channels of the feature map</source>
      <translation>特征图的通道数</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="63" />
      <source>dense units </source>
      <translation>全连接单元数 </translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="64" />
      <source>Units of the dense layer after flattening</source>
      <translation>展平后全连接层的单元数</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="65" />
      <source>use the image's size</source>
      <translation>使用图像的大小</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="67" />
      <source>Otherwise a 22x22 map, the textbook example</source>
      <translation>否则使用 22x22 的特征图（教科书中的例子）</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="97" />
      <source>before</source>
      <translation>池化前</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="97" />
      <source>after</source>
      <translation>池化后</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="97" />
      <source>saved</source>
      <translation>节省</translation>
    </message>
    <message>
      <location filename="gui/experiments/cost.py" line="109" />
      <source>A map of {input} (C x H x W) pooled with {kind} pooling becomes {output}.</source>
      <translation>{input} (C x H x W) 的特征图经{kind}后变为 {output}。</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="42" />
      <source>edges</source>
      <translation>边缘</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="43" />
      <source>Sobel x</source>
      <translation>Sobel x</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="44" />
      <source>Sobel y</source>
      <translation>Sobel y</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="45" />
      <source>box blur</source>
      <translation>方框模糊</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="46" />
      <source>Gaussian blur</source>
      <translation>高斯模糊</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="68" />
      <source>Feature map first</source>
      <translation>先求特征图</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="69" />
      <source>In a CNN, pooling follows a convolution: it pools feature maps, not raw pixels. Pick a kernel (or type your own, rows of numbers); the left view is the feature map the convolution makes, the right one that map pooled with the current settings. Max pooling keeps where an edge was found, even when it moves within a window. 'Use as input' sends the feature map to the Explore tab.</source>
      <translation>在 CNN 中，池化位于卷积之后：它池化的是特征图，而不是原始像素。选择一个卷积核（或自己输入，每行一组数字）；左侧视图是卷积得到的特征图，右侧是用当前设置对该特征图池化的结果。即使边缘在窗口内移动，最大池化也能保留检测到边缘的位置。“用作输入”会把该特征图送到“探索”页。</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="82" />
      <source>Convolution kernel presets</source>
      <translation>卷积核预设</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="86" />
      <source>The kernel, editable: rows of numbers</source>
      <translation>卷积核（可编辑）：每行一组数字</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="87" />
      <source>Apply kernel</source>
      <translation>应用卷积核</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="88" />
      <source>Convolve with the kernel as typed</source>
      <translation>用输入的卷积核进行卷积</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="90" />
      <source>Use as input</source>
      <translation>用作输入</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="91" />
      <source>Explore this feature map in the main views</source>
      <translation>在主视图中探索此特征图</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="97" />
      <source>Feature map</source>
      <translation>特征图</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="98" />
      <source>Pooled feature map</source>
      <translation>池化后的特征图</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="130" />
      <source>The kernel holds NaN or infinite numbers: type finite ones.</source>
      <translation>卷积核中含有 NaN 或无穷大值：请输入有限数值。</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="119" />
      <source>Kernel: {problem}</source>
      <translation>卷积核：{problem}</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="137" />
      <source>Pooling the {size} (H x W) feature map: {problem}</source>
      <translation>对 {size} (H x W) 的特征图进行池化：{problem}</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="150" />
      <source>{rows} x {cols} kernel on the grayscale image: feature map {size} (H x W), pooled to {pooled} with {kind} pooling.</source>
      <translation>在灰度图像上应用 {rows} x {cols} 卷积核：特征图为 {size} (H x W)，经{kind}后为 {pooled}。</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="174" />
      <source>The feature map of the {rows} x {cols} your kernel, {size} (H x W), is now the input of Explore.</source>
      <translation>你输入的 {rows} x {cols} 卷积核得到的特征图（{size} (H x W)）现已成为“探索”页的输入。</translation>
    </message>
    <message>
      <location filename="gui/experiments/feature_map.py" line="179" />
      <source>The feature map of the {rows} x {cols} {name} kernel, {size} (H x W), is now the input of Explore.</source>
      <translation>{rows} x {cols} {name}卷积核得到的特征图（{size} (H x W)）现已成为“探索”页的输入。</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="49" />
      <source>Fixed-length output</source>
      <translation>定长输出</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="50" />
      <source>Dense layers need inputs of one size, but photos come in many sizes. Adaptive pooling and spatial pyramid pooling choose their windows from the input size, so any image gives the same number of outputs. Here the image and a smaller crop of it go through the same layer: the outputs have the same length.</source>
      <translation>全连接层要求输入大小固定，但照片的大小各不相同。自适应池化和空间金字塔池化根据输入大小确定窗口，因此任何图像都会得到相同数量的输出。这里，图像和它的一块较小裁剪区域经过同一个层：两者的输出长度相同。</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="43" />
      <source>{kind}: {count} values per channel</source>
      <translation>{kind}：每个通道 {count} 个值</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="62" />
      <source>The size-independent pooling to use</source>
      <translation>要使用的与输入大小无关的池化方式</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="67" />
      <source>Side of the smaller crop</source>
      <translation>较小裁剪区域的边长</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="73" />
      <source>Image</source>
      <translation>图像</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="73" />
      <source>Crop</source>
      <translation>裁剪区域</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="73" />
      <source>Output 1</source>
      <translation>输出 1</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="73" />
      <source>Output 2</source>
      <translation>输出 2</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="70" />
      <source>second image: crop of</source>
      <translation>第二幅图像：裁剪边长</translation>
    </message>
    <message>
      <location filename="gui/experiments/fixed_length.py" line="108" />
      <source>{image} and {crop} pixels (H x W) in, {first} and {second} values out.</source>
      <translation>输入 {image} 和 {crop} 像素 (H x W)，输出 {first} 和 {second} 个值。</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="45" />
      <source>Noise robustness</source>
      <translation>噪声鲁棒性</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="46" />
      <source>Add noise and see how much each pooled output changes. Salt-and-pepper noise sets random pixels to black or white: max pooling picks up every white speck, while averaging dilutes it. Gaussian noise shifts every pixel a little: averaging cancels much of it, max pooling is pulled towards the largest noise values.</source>
      <translation>添加噪声，观察每种池化的输出变化有多大。椒盐噪声把随机像素设为黑色或白色：最大池化会捕捉到每个白点，而平均会将其稀释。高斯噪声使每个像素都略有偏移：平均能抵消其中大部分，最大池化则会被拉向最大的噪声值。</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="56" />
      <source>salt and pepper</source>
      <translation>椒盐噪声</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="57" />
      <source>Gaussian</source>
      <translation>高斯噪声</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="58" />
      <source>Kind of noise</source>
      <translation>噪声类型</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="64" />
      <source>Largest noise amount on the plot (fraction of pixels, or standard deviation), in hundredths</source>
      <translation>图中最大的噪声量（像素比例或标准差），单位为百分之一</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="73" />
      <source>output change (relative)</source>
      <translation>输出变化（相对值）</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="74" />
      <source>noise amount</source>
      <translation>噪声量</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="71" />
      <source>up to</source>
      <translation>最大</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="116" />
      <source>On the {size} (H x W) crop, at amount {amount}: {changes}.</source>
      <translation>在 {size} (H x W) 的裁剪区域上，噪声量为 {amount} 时：{changes}。</translation>
    </message>
    <message>
      <location filename="gui/experiments/noise.py" line="112" />
      <source>{kind} changes {change}</source>
      <translation>{kind}的变化为 {change}</translation>
    </message>
    <message>
      <location filename="gui/experiments/panel.py" line="87" />
      <source>The experiment is computing; the last result stays until it is done</source>
      <translation>实验正在计算；计算完成前保留上一次的结果</translation>
    </message>
    <message>
      <location filename="gui/experiments/panel.py" line="95" />
      <source>computing…</source>
      <translation>计算中…</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="57" />
      <source>Shift invariance</source>
      <translation>平移不变性</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="58" />
      <source>Is pooling invariant to small shifts? Move the image diagonally by 0 to 2k pixels (a crop taken further down and right, so nothing wraps around), pool it, line the output up with the unshifted one by the whole output cells the shift spans, and measure how much the interior changed (0 = identical). Shifts that are a multiple of the stride cost nothing; the ones in between do, because subsampling aliases. Max pooling is only partly invariant; BlurPool (blur before subsampling) changes least. The consistency score (1 = perfectly consistent) compares random pairs of shifts. The sliders add a small rotation and zoom.</source>
      <translation>池化对小的平移具有不变性吗？将图像沿对角线平移 0 到 2k 个像素（取更靠右下的裁剪区域，因此不会发生环绕），进行池化，再按平移所跨越的完整输出单元数把输出与未平移的输出对齐，测量内部变化了多少（0 = 完全相同）。平移量为步幅的整数倍时没有影响；介于其间的平移则有影响，因为下采样会产生混叠。最大池化仅具有部分不变性；BlurPool（先模糊再下采样）变化最小。一致性得分（1 = 完全一致）比较的是随机成对的平移。滑块可额外加入少量旋转和缩放。</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="74" />
      <source> deg</source>
      <translation> 度</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="75" />
      <source>Rotation to test</source>
      <translation>要测试的旋转角度</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="80" />
      <source>Zoom to test</source>
      <translation>要测试的缩放比例</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="81" />
      <source>Run</source>
      <translation>运行</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="82" />
      <source>Measure again with these settings</source>
      <translation>用这些设置重新测量</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="91" />
      <source>shift (pixels, diagonal)</source>
      <translation>平移（像素，沿对角线）</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="113" />
      <source>Shifts of up to {largest} pixels with a {kernel} x {kernel} window need at least {needed} pixels a side, but the image has {size} (H x W): choose a smaller kernel.</source>
      <translation>用 {kernel} x {kernel} 的窗口测试最多 {largest} 个像素的平移，每边至少需要 {needed} 个像素，但图像只有 {size} (H x W)：请选择更小的核大小。</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="84" />
      <source>rotation</source>
      <translation>旋转</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="86" />
      <source>zoom</source>
      <translation>缩放</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="132" />
      <source>The {size} (H x W) crop is too small to compare shifts of up to {largest} pixels with a {kernel} x {kernel} window and stride {stride}: choose a smaller kernel or load a larger image.</source>
      <translation>{size} (H x W) 的裁剪区域太小，无法用 {kernel} x {kernel} 的窗口和步幅 {stride} 比较最多 {largest} 个像素的平移：请选择更小的核大小或加载更大的图像。</translation>
    </message>
    <message>
      <location filename="gui/experiments/shift.py" line="173" />
      <source>Kernel {kernel}, stride {stride}, crops of {size} (H x W) moved without wrap-around. Largest change at shifts that are multiples of the stride: {largest}. Shift consistency: {scores}. Change after {angle} deg rotation / x{scale} zoom: {transforms}.</source>
      <translation>核大小 {kernel}，步幅 {stride}，{size} (H x W) 的裁剪区域无环绕地平移。平移量为步幅整数倍时的最大变化：{largest}。平移一致性：{scores}。旋转 {angle} 度 / 缩放 x{scale} 后的变化：{transforms}。</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="20" />
      <source>conv</source>
      <translation>卷积</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="20" />
      <source>pool</source>
      <translation>池化</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="53" />
      <source>Stacked layers</source>
      <translation>堆叠层</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="54" />
      <source>Each pooling layer doubles (for stride 2) how far apart neighbouring units look, so after a few conv and pool layers one unit sees a large part of the image: its receptive field. Build a stack (conv layers here are 3x3 averages, to keep the picture simple), then hover over a cell of the last output: its receptive field is outlined on the input, with the size after every layer listed below.</source>
      <translation>每个池化层（步幅为 2 时）都会使相邻单元所看区域的间距加倍，因此经过几个卷积层和池化层后，一个单元就能看到图像的很大一部分：这就是它的感受野。搭建一个层堆叠（为使图示简单，这里的卷积层是 3x3 均值），然后将鼠标悬停在最后一层输出的某个单元上：它的感受野会在输入上用轮廓标出，下方列出每一层之后的感受野大小。</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="72" />
      <source>The stack, first layer on top</source>
      <translation>层堆叠，第一层在最上方</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="76" />
      <source>Kind of layer to add</source>
      <translation>要添加的层类型</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="80" />
      <source>k </source>
      <translation>k </translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="81" />
      <source>Kernel size of the layer to add</source>
      <translation>要添加的层的核大小</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="85" />
      <source>s </source>
      <translation>s </translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="86" />
      <source>Stride of the layer to add</source>
      <translation>要添加的层的步幅</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="101" />
      <source>Input and receptive field</source>
      <translation>输入与感受野</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="102" />
      <source>Last output (hover a cell)</source>
      <translation>最后一层输出（悬停于单元上）</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="89" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="89" />
      <source>Add the layer at the end</source>
      <translation>在末尾添加该层</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="90" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="90" />
      <source>Remove the selected layer</source>
      <translation>移除选中的层</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="91" />
      <source>Up</source>
      <translation>上移</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="91" />
      <source>Move the selected layer up</source>
      <translation>将选中的层上移</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="92" />
      <source>Down</source>
      <translation>下移</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="92" />
      <source>Move the selected layer down</source>
      <translation>将选中的层下移</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="163" />
      <source>The stack does not fit the {size} (H x W) crop: {problem}</source>
      <translation>层堆叠不适用于 {size} (H x W) 的裁剪区域：{problem}</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="190" />
      <source>Output cell ({row}, {col}) sees input rows {top}..{bottom}, columns {left}..{right}. Receptive field after each layer: {sizes}.</source>
      <translation>输出单元 ({row}, {col}) 看到输入的第 {top}..{bottom} 行、第 {left}..{right} 列。每一层之后的感受野：{sizes}。</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="143" />
      <source>{kind} {size}x{size}, stride {stride}, padding {padding}</source>
      <translation>{kind} {size}x{size}，步幅 {stride}，填充 {padding}</translation>
    </message>
    <message>
      <location filename="gui/experiments/stacked.py" line="200" />
      <source>no layers</source>
      <translation>没有层</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="30" />
      <source>Input as PNG…</source>
      <translation>输入导出为 PNG…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="30" />
      <source>Export the input as png</source>
      <translation>将输入导出为 PNG</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="31" />
      <source>Output as PNG…</source>
      <translation>输出导出为 PNG…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="31" />
      <source>Export the output as png</source>
      <translation>将输出导出为 PNG</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="32" />
      <source>Output as NPY (exact)…</source>
      <translation>输出导出为 NPY（精确）…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="32" />
      <source>Export the output as npy (exact)</source>
      <translation>将输出导出为 NPY（精确）</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="33" />
      <source>Output as CSV…</source>
      <translation>输出导出为 CSV…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="33" />
      <source>Export the output as csv</source>
      <translation>将输出导出为 CSV</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="34" />
      <source>Input gradient as PNG…</source>
      <translation>输入梯度导出为 PNG…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="34" />
      <source>Export the input gradient as png</source>
      <translation>将输入梯度导出为 PNG</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="38" />
      <source>Input gradient as NPY (exact)…</source>
      <translation>输入梯度导出为 NPY（精确）…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="39" />
      <source>Export the input gradient as npy (exact)</source>
      <translation>将输入梯度导出为 NPY（精确）</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="41" />
      <source>Input gradient as CSV…</source>
      <translation>输入梯度导出为 CSV…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="41" />
      <source>Export the input gradient as csv</source>
      <translation>将输入梯度导出为 CSV</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="45" />
      <source>Forward animation as GIF…</source>
      <translation>前向传播动画导出为 GIF…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="46" />
      <source>Export the forward animation as gif</source>
      <translation>将前向传播动画导出为 GIF</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="51" />
      <source>Backward animation as GIF…</source>
      <translation>反向传播动画导出为 GIF…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="52" />
      <source>Export the backward animation as gif</source>
      <translation>将反向传播动画导出为 GIF</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="67" />
      <source>Animated GIF ({pattern})</source>
      <translation>GIF 动画 ({pattern})</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="82" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="160" />
      <source>Rendering frames…</source>
      <translation>正在渲染帧…</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="160" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="192" />
      <source>Copied as code</source>
      <translation>已复制为代码</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="192" />
      <source>This code is on the clipboard:</source>
      <translation>以下代码已复制到剪贴板：</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="62" />
      <source>PNG image ({pattern})</source>
      <translation>PNG 图像 ({pattern})</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="64" />
      <source>NumPy array, exact ({pattern})</source>
      <translation>NumPy 数组，精确值 ({pattern})</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="66" />
      <source>CSV, first channel ({pattern})</source>
      <translation>CSV，第一个通道 ({pattern})</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="100" />
      <source>Nothing to export</source>
      <translation>没有可导出的内容</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="100" />
      <source>Open an image first.</source>
      <translation>请先打开一幅图像。</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="104" />
      <source>Not for volumes</source>
      <translation>不适用于体数据</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="105" />
      <source>Gradients and animations are exported for images and sequences; for a volume export the output (.npy: the whole volume) or the slices shown.</source>
      <translation>梯度和动画只能针对图像和序列导出；对于体数据，请导出输出（.npy：整个体数据）或当前显示的切片。</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="117" />
      <source>No gradient to export</source>
      <translation>没有可导出的梯度</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="152" />
      <source>Animated GIF</source>
      <translation>GIF 动画</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="153" />
      <source>Most frames (longer animations skip steps evenly):</source>
      <translation>最大帧数（较长的动画会均匀跳过部分步骤）：</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="141" />
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="143" />
      <source>Exported {name}</source>
      <translation>已导出 {name}</translation>
    </message>
    <message>
      <location filename="gui/exporting.py" line="117" />
      <source>{problem}.</source>
      <translation>{problem}。</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="72" />
      <source>raise the budget in Edit &gt; Memory budget…</source>
      <translation>在“编辑 &gt; 内存预算…”中提高预算</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="74" />
      <source>Mouse: hover an output cell to see its window, click to pin it (arrow keys move it); click an input cell to mark every output cell it feeds; wheel zooms, drag pans.</source>
      <translation>鼠标：悬停在输出单元上可查看其窗口，单击可固定（方向键可移动）；单击输入单元可标出它参与计算的每个输出单元；滚轮缩放，拖动平移。</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="155" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="158" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="165" />
      <source>Formula</source>
      <translation>公式</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="169" />
      <source>Gotchas</source>
      <translation>陷阱集</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="180" />
      <source>Explore</source>
      <translation>探索</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="181" />
      <source>Experiments</source>
      <translation>实验</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="182" />
      <source>Frameworks</source>
      <translation>框架</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="183" />
      <source>Network</source>
      <translation>网络</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="184" />
      <source>Pool the input, follow every window, step through</source>
      <translation>对输入进行池化，跟踪每个窗口，逐步演示</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="185" />
      <source>Check what pooling is for: invariance, noise, cost, ...</source>
      <translation>检验池化的作用：不变性、噪声、开销……</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="187" />
      <source>The same max or average pooling in PyTorch, Keras, JAX and ONNX, side by side</source>
      <translation>在 PyTorch、Keras、JAX 和 ONNX 中并排对比同一个最大池化或平均池化</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="190" />
      <source>Train a small CNN with each pooling, or none, and look inside</source>
      <translation>分别用每种池化（或不用池化）训练一个小型 CNN，并查看其内部</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="204" />
      <source>Working in the background; the window stays usable</source>
      <translation>正在后台运行；窗口仍可正常使用</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="207" />
      <source>Stop the running job and keep the last result</source>
      <translation>停止正在运行的任务并保留上一次的结果</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="265" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="296" />
      <source>Open &amp;recent</source>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="297" />
      <source>&amp;Samples</source>
      <translation>示例(&amp;S)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="306" />
      <source>&amp;Export</source>
      <translation>导出(&amp;E)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="329" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="350" />
      <source>&amp;Pooling</source>
      <translation>池化(&amp;P)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="361" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="375" />
      <source>Output at input &amp;scale</source>
      <translation>按输入比例显示输出(&amp;S)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="378" />
      <source>Draw each output cell over the input area its window covers, both views linked</source>
      <translation>将每个输出单元绘制在其窗口所覆盖的输入区域上，两个视图联动</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="383" />
      <source>Sequences as &amp;bars</source>
      <translation>序列显示为柱状图(&amp;B)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="386" />
      <source>Draw a sequence (a one-row input) as bars instead of a strip of cells</source>
      <translation>将序列（单行输入）绘制为柱状图，而不是一条单元格带</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="450" />
      <source>&amp;Panels</source>
      <translation>面板(&amp;P)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="453" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="469" />
      <source>P&amp;layback</source>
      <translation>播放(&amp;L)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="485" />
      <source>&amp;Backward pass (gradient routing)</source>
      <translation>反向传播（梯度分配）(&amp;B)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="488" />
      <source>Show where the gradient goes instead of how the output is computed</source>
      <translation>显示梯度流向何处，而不是输出如何计算</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="494" />
      <source>&amp;Gotchas</source>
      <translation>陷阱(&amp;G)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="504" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="552" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="558" />
      <source>Open image</source>
      <translation>打开图像</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="566" />
      <source>Open sequences (one per row)</source>
      <translation>打开序列（每行一个）</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="574" />
      <source>Open as volume</source>
      <translation>作为体数据打开</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="627" />
      <source>Large image</source>
      <translation>大图像</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="642" />
      <source>Full size</source>
      <translation>原尺寸</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="655" />
      <source>Cannot open image</source>
      <translation>无法打开图像</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="945" />
      <source>Replace file?</source>
      <translation>替换文件？</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="965" />
      <source>Save screenshot</source>
      <translation>保存截图</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="985" />
      <source>About PoolScope</source>
      <translation>关于 PoolScope</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="997" />
      <source>Memory budget</source>
      <translation>内存预算</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="268" />
      <source>&amp;Open image…</source>
      <translation>打开图像(&amp;O)…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="271" />
      <source>Open a PNG, JPEG, BMP, GIF, TIFF, WebP image or a matrix</source>
      <translation>打开 PNG、JPEG、BMP、GIF、TIFF、WebP 图像或矩阵</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="276" />
      <source>Open as se&amp;quences…</source>
      <translation>作为序列打开(&amp;Q)…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="279" />
      <source>Open a matrix (.csv, .npy, ...) whose rows are sequences, pooled along their length like torch's 1D pools on a (C, L) input</source>
      <translation>打开一个矩阵（.csv、.npy 等），其每一行是一个序列，像 torch 的一维池化作用于 (C, L) 输入那样沿长度方向池化</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="287" />
      <source>Open as &amp;volume…</source>
      <translation>作为体数据打开(&amp;V)…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="290" />
      <source>Open every frame of a TIFF, GIF or WebP (or a 3D .npy) as the slices of a volume, pooled by PyTorch's 3D pools</source>
      <translation>将 TIFF、GIF 或 WebP 的每一帧（或三维 .npy）作为体数据的切片打开，用 PyTorch 的三维池化进行池化</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="320" />
      <source>Save &amp;screenshot…</source>
      <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="323" />
      <source>Save the window as a PNG picture</source>
      <translation>将窗口保存为 PNG 图片</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="327" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="332" />
      <source>&amp;Copy as code</source>
      <translation>复制为代码(&amp;C)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="335" />
      <source>Copy the settings as code for PyTorch, Keras, JAX, ONNX and PoolScope</source>
      <translation>将设置复制为适用于 PyTorch、Keras、JAX、ONNX 和 PoolScope 的代码</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="341" />
      <source>&amp;Memory budget…</source>
      <translation>内存预算(&amp;M)…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="365" />
      <source>&amp;Image mode</source>
      <translation>图像模式(&amp;I)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="366" />
      <source>&amp;Matrix mode</source>
      <translation>矩阵模式(&amp;M)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="392" />
      <source>Next output slice</source>
      <translation>下一个输出切片</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="395" />
      <source>Next output slice of a volume (the input follows to the window's slices)</source>
      <translation>体数据的下一个输出切片（输入随之切换到窗口所在的切片）</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="398" />
      <source>Previous output slice</source>
      <translation>上一个输出切片</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="401" />
      <source>Previous output slice of a volume (the input follows to the window's slices)</source>
      <translation>体数据的上一个输出切片（输入随之切换到窗口所在的切片）</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="416" />
      <source>F&amp;rameworks side by side</source>
      <translation>框架对照(&amp;R)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="419" />
      <source>The same max or average pooling as PyTorch, Keras, JAX and ONNX compute it</source>
      <translation>按 PyTorch、Keras、JAX 和 ONNX 各自的计算方式给出同一个最大池化或平均池化</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="424" />
      <source>&amp;Network (train a CNN)</source>
      <translation>网络（训练 CNN）(&amp;N)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="427" />
      <source>Train the article's digit CNN with a pooling, or none, and see its curves and feature maps</source>
      <translation>用某种池化（或不用池化）训练文章中的手写数字 CNN，并查看其曲线和特征图</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="435" />
      <source>&amp;Fit views</source>
      <translation>适应视图(&amp;F)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="438" />
      <source>Zoom both views to show everything, padding cells included</source>
      <translation>缩放两个视图以显示全部内容，包括填充单元</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="443" />
      <source>&amp;Clear selection and coverage</source>
      <translation>清除选中与覆盖标记(&amp;C)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="446" />
      <source>Forget the pinned output cell and the marked input cell</source>
      <translation>取消固定的输出单元和已标记的输入单元</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="472" />
      <source>&amp;Play / pause</source>
      <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="473" />
      <source>Step &amp;back</source>
      <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="474" />
      <source>Step &amp;forward</source>
      <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="475" />
      <source>To the &amp;start</source>
      <translation>回到开头(&amp;S)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="476" />
      <source>To the &amp;end</source>
      <translation>跳到结尾(&amp;E)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="505" />
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="508" />
      <source>&amp;Gotcha gallery</source>
      <translation>陷阱集(&amp;G)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="511" />
      <source>Surprising pooling behaviours from public issue trackers, one click each</source>
      <translation>来自公开问题跟踪系统的出人意料的池化行为，一键加载</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="516" />
      <source>Show the 'try this' &amp;hint</source>
      <translation>显示“试一试”提示(&amp;H)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="519" />
      <source>&amp;About PoolScope</source>
      <translation>关于 PoolScope(&amp;A)</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="765" />
      <source>Working…</source>
      <translation>处理中…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="865" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="84" />
      <source>Images ({patterns})</source>
      <translation>图像 ({patterns})</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="85" />
      <source>Matrices ({patterns})</source>
      <translation>矩阵 ({patterns})</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="86" />
      <source>Volumes ({patterns})</source>
      <translation>体数据 ({patterns})</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="89" />
      <source>All files ({patterns})</source>
      <translation>所有文件 ({patterns})</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="343" />
      <source>How much memory one computation may use before PoolScope refuses it (default: half of the memory available)</source>
      <translation>单次计算最多可使用的内存，超出时 PoolScope 将拒绝计算（默认：可用内存的一半）</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="516" />
      <source>Show the first hint</source>
      <translation>显示第一条提示</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="620" />
      <source>Opened {name}</source>
      <translation>已打开 {name}</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="629" />
      <source>'{name}' has {megapixels} megapixels.</source>
      <translation>“{name}”有 {megapixels} 百万像素。</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="634" />
      <source>Work on a copy downscaled to 1/{factor} ({megapixels} megapixels)? It pools, draws and animates much faster; the scale is shown above the input.</source>
      <translation>是否改用缩小到 1/{factor} 的副本（{megapixels} 百万像素）？池化、绘制和动画都会快得多；缩放比例显示在输入上方。</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="640" />
      <source>Use 1/{factor} copy</source>
      <translation>使用 1/{factor} 副本</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="811" />
      <source>Gotcha: {title}. {answer}</source>
      <translation>陷阱：{title}。{answer}</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="946" />
      <source>'{name}' already exists. Replace it?</source>
      <translation>“{name}”已存在。要替换它吗？</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="967" />
      <source>PNG images ({pattern})</source>
      <translation>PNG 图像 ({pattern})</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="974" />
      <source>Cannot save screenshot</source>
      <translation>无法保存截图</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="986" />
      <source>&lt;b&gt;PoolScope&lt;/b&gt;: see, cell by cell, what a pooling layer does.&lt;br&gt;&lt;br&gt;{versions}</source>
      <translation>&lt;b&gt;PoolScope&lt;/b&gt;：逐个单元地看清池化层做了什么。&lt;br&gt;&lt;br&gt;{versions}</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="998" />
      <source>Megabytes one computation may use before PoolScope refuses it
(0: half of the memory available, now {megabytes} MB):</source>
      <translation>单次计算最多可使用的内存（MB），超出时 PoolScope 将拒绝计算
（0：可用内存的一半，当前为 {megabytes} MB）：</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="605" />
      <source>Opening {name}…</source>
      <translation>正在打开 {name}…</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="866" />
      <source>The {language} translation could not be loaded.</source>
      <translation>无法加载 {language} 翻译。</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="1013" />
      <source>Memory budget: {megabytes} MB</source>
      <translation>内存预算：{megabytes} MB</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="1015" />
      <source>Memory budget: half of the memory available ({megabytes} MB)</source>
      <translation>内存预算：可用内存的一半（{megabytes} MB）</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="957" />
      <source>could not write {path}</source>
      <translation>无法写入 {path}</translation>
    </message>
    <message>
      <location filename="gui/main_window.py" line="303" />
      <source>Open the bundled {name} sample</source>
      <translation>打开内置示例“{name}”</translation>
    </message>
    <message>
      <location filename="gui/models/animation_model.py" line="199" />
      <source>Backward view: {message}</source>
      <translation>反向传播视图：{message}</translation>
    </message>
    <message>
      <location filename="gui/models/animation_model.py" line="174" />
      <source>Not enough memory for this.</source>
      <translation>内存不足，无法完成此操作。</translation>
    </message>
    <message>
      <location filename="gui/models/jobs.py" line="186" />
      <source>Not enough memory for this: choose smaller settings or a smaller image.</source>
      <translation>内存不足，无法完成此操作：请选择更小的设置或更小的图像。</translation>
    </message>
    <message>
      <location filename="gui/models/jobs.py" line="191" />
      <source>Unexpected problem: {detail}</source>
      <translation>意外问题：{detail}</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="296" />
      <source>{pooling}: epoch {epoch}/{epochs}, batch {batch}/{batches}: loss {loss}, accuracy {accuracy} (then {poolings})</source>
      <translation>{pooling}：轮次 {epoch}/{epochs}，批次 {batch}/{batches}：损失 {loss}，准确率 {accuracy}（接下来：{poolings}）</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="301" />
      <source>{pooling}: epoch {epoch}/{epochs}, batch {batch}/{batches}: loss {loss}, accuracy {accuracy}</source>
      <translation>{pooling}：轮次 {epoch}/{epochs}，批次 {batch}/{batches}：损失 {loss}，准确率 {accuracy}</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="416" />
      <source>Explore's image</source>
      <translation>“探索”页的图像</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="260" />
      <source>Cancelled: nothing of that training is kept.</source>
      <translation>已取消：该次训练的任何结果都不会保留。</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="418" />
      <source>Drawing the test digits…</source>
      <translation>正在生成测试数字…</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="496" />
      <source>{layer}'s feature map ({what}, {height} x {width}, H x W) of the trained {pooling} network is the input of Explore, pooled as {pooling_layer} pools it ({kind}, kernel {kernel_height} x {kernel_width}, stride {stride_height} x {stride_width}).</source>
      <translation>训练好的{pooling}网络中 {layer} 的特征图（{what}，{height} x {width}，H x W）已作为“探索”页的输入，并按 {pooling_layer} 的方式池化（{kind}，核大小 {kernel_height} x {kernel_width}，步幅 {stride_height} x {stride_width}）。</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="247" />
      <source>{pooling}: drawing {count} digits…</source>
      <translation>{pooling}：正在生成 {count} 个数字…</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="325" />
      <source>{pooling}: trained in {seconds} s; test accuracy {accuracy}, at {shift} px shift {shifted}.</source>
      <translation>{pooling}：训练用时 {seconds} s；测试准确率 {accuracy}，平移 {shift} px 时为 {shifted}。</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="428" />
      <source>{input}: the {pooling} network says {guess} ({probability})</source>
      <translation>{input}：{pooling}网络判断为 {guess}（{probability}）</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="493" />
      <source>all {channels} channels</source>
      <translation>全部 {channels} 个通道</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="495" />
      <source>channel {channel}</source>
      <translation>通道 {channel}</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="209" />
      <source>{pooling}: one cell of the last {height} x {width} map sees {field_height} x {field_width} pixels of the 28 x 28 digit.</source>
      <translation>{pooling}：最后一层 {height} x {width} 特征图的一个单元能看到 28 x 28 数字中的 {field_height} x {field_width} 个像素。</translation>
    </message>
    <message>
      <location filename="gui/models/network_model.py" line="420" />
      <source>Test digit {index}, a {digit}</source>
      <translation>测试数字 {index}，写的是 {digit}</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="111" />
      <source>None (no-pooling twin)</source>
      <translation>无池化（无池化对照网络）</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="113" />
      <source>Stride-2 convolution</source>
      <translation>步幅为 2 的卷积</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="223" />
      <source>After {settings} (train: mean over the last epoch):</source>
      <translation>训练 {settings} 后（训练集：最后一个轮次的平均值）：</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="45" />
      <source>{epochs} epoch of {digits} digits at width {width}</source>
      <translation>{epochs} 个轮次，{digits} 个数字，宽度系数 {width}</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="47" />
      <source>{epochs} epochs of {digits} digits at width {width}</source>
      <translation>{epochs} 个轮次，{digits} 个数字，宽度系数 {width}</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="226" />
      <source>Each run (train: mean over the last epoch):</source>
      <translation>各次训练（训练集：最后一个轮次的平均值）：</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="237" />
      <source>{pooling}: train {train}, test {test}; digits shifted 4 px {shifted4}, 6 px {shifted6}</source>
      <translation>{pooling}：训练集 {train}，测试集 {test}；数字平移 4 px 时 {shifted4}，平移 6 px 时 {shifted6}</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="242" />
      <source>{pooling} ({settings}): train {train}, test {test}; digits shifted 4 px {shifted4}, 6 px {shifted6}</source>
      <translation>{pooling}（{settings}）：训练集 {train}，测试集 {test}；数字平移 4 px 时 {shifted4}，平移 6 px 时 {shifted6}</translation>
    </message>
    <message>
      <location filename="gui/models/network_training.py" line="199" />
      <source>{pooling} (training)</source>
      <translation>{pooling}（训练中）</translation>
    </message>
    <message>
      <location filename="gui/models/pool_model.py" line="193" />
      <source>Cancelled: showing the last result.</source>
      <translation>已取消：显示上一次的结果。</translation>
    </message>
    <message>
      <location filename="gui/models/pool_model.py" line="203" />
      <source>Expected a (C, H, W) image or a (C, D, H, W) volume, got shape {shape}.</source>
      <translation>应为 (C, H, W) 图像或 (C, D, H, W) 体数据，实际形状为 {shape}。</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="155" />
      <source>top</source>
      <translation>上</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="155" />
      <source>left</source>
      <translation>左</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="155" />
      <source>bottom</source>
      <translation>下</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="155" />
      <source>right</source>
      <translation>右</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="352" />
      <source>square</source>
      <translation>正方形</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="355" />
      <source>Keep kernel, stride, padding and dilation equal in both directions</source>
      <translation>使核大小、步幅、填充和膨胀（空洞）在两个方向上保持相同</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="358" />
      <source>same as kernel</source>
      <translation>与核大小相同</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="361" />
      <source>Stride equal to the kernel size (PyTorch's default, stride=None): windows tile without overlap</source>
      <translation>步幅等于核大小（PyTorch 的默认值，stride=None）：窗口无重叠地平铺</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="369" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="383" />
      <source>Pooling</source>
      <translation>池化</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="82" />
      <source>{tooltip}: height (rows)</source>
      <translation>{tooltip}：高（行）</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="83" />
      <source>{tooltip}: width (columns)</source>
      <translation>{tooltip}：宽（列）</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="277" />
      <source>on</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="211" />
      <source>Drag: {tooltip}</source>
      <translation>拖动：{tooltip}</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="279" />
      <source>Use a fixed number: {tooltip}</source>
      <translation>使用固定数值：{tooltip}</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="416" />
      <source>Pyramid levels must be whole numbers separated by commas, like 4,2,1.</source>
      <translation>金字塔层级必须是以逗号分隔的整数，例如 4,2,1。</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="467" />
      <source>Which reduction each window applies (Ctrl+1..9). {kind}: {summary} Source: {source}.</source>
      <translation>每个窗口所用的归约方式（Ctrl+1..9）。{kind}：{summary}出处：{source}。</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="127" />
      <source>{tooltip}: {side}</source>
      <translation>{tooltip}：{side}</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="347" />
      <source>{summary} ({source})</source>
      <translation>{summary}（{source}）</translation>
    </message>
    <message>
      <location filename="gui/views/controls.py" line="481" />
      <source>Not applied: {message} (showing the last valid result)</source>
      <translation>未应用：{message}（显示上一个有效结果）</translation>
    </message>
    <message>
      <location filename="gui/views/depth.py" line="30" />
      <source>The {what} shown (PageUp / PageDown move the output slice)</source>
      <translation>当前显示的{what}（PageUp / PageDown 切换输出切片）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="62" />
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="63" />
      <source>Output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="64" />
      <source>Input gradient</source>
      <translation>输入梯度</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="68" />
      <source>Input gradient (backward)</source>
      <translation>输入梯度（反向传播）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="69" />
      <source>Max unpooling</source>
      <translation>最大反池化</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="71" />
      <source>Where the gradient went, or the output put back at its chosen cells (max pooling's unpooling)</source>
      <translation>梯度流向了哪里，或把输出放回其选中的单元（最大池化的反池化）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="92" />
      <source>Input slice</source>
      <translation>输入切片</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="93" />
      <source>Output slice</source>
      <translation>输出切片</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="178" />
      <source>padding only</source>
      <translation>仅填充</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="214" />
      <source>{title} (being replaced by {name}…)</source>
      <translation>{title}（正在替换为 {name}…）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="233" />
      <source>Input {height} x {width} (H x W)</source>
      <translation>输入 {height} x {width} (H x W)</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="249" />
      <source>Output {height} x {width} (H x W): {kind}</source>
      <translation>输出 {height} x {width} (H x W)：{kind}</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="312" />
      <source>Input pixel ({row}, {col}) feeds {count} output cell</source>
      <translation>输入像素 ({row}, {col}) 参与 {count} 个输出单元的计算</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="314" />
      <source>Input pixel ({row}, {col}) feeds {count} output cells</source>
      <translation>输入像素 ({row}, {col}) 参与 {count} 个输出单元的计算</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="397" />
      <source>Output put back at its chosen cells, zeros elsewhere</source>
      <translation>输出放回其选中的单元，其余位置为 0</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="81" />
      <source>{setting}: {choice}</source>
      <translation>{setting}：{choice}</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="181" />
      <source> (in the window: slices {slices})</source>
      <translation> （在窗口内：窗口切片 {slices}）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="195" />
      <source>{title}, working copy at 1/{scale} of {height} x {width} (H x W)</source>
      <translation>{title}，{height} x {width} (H x W) 的 1/{scale} 工作副本</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="202" />
      <source>{title}, numbers: red</source>
      <translation>{title}，数值：红通道</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="228" />
      <source>Input slice {depth} of {count}: {height} x {width} (H x W)</source>
      <translation>输入切片 {depth}（共 {count} 个）：{height} x {width} (H x W)</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="232" />
      <source>Sequence {width} (L)</source>
      <translation>序列 {width} (L)</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="244" />
      <source>Output slice {depth} of {count}: {height} x {width} (H x W): {kind}</source>
      <translation>输出切片 {depth}（共 {count} 个）：{height} x {width} (H x W)：{kind}</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="248" />
      <source>Output {width} (L): {kind}</source>
      <translation>输出 {width} (L)：{kind}</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="392" />
      <source>Max unpooling needs a kind that chooses one cell</source>
      <translation>最大反池化需要一种只选出一个单元的池化类型</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="183" />
      <source> (outside the window: slices {slices})</source>
      <translation> （在窗口外：窗口切片 {slices}）</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="225" />
      <source>Input slice {depth} of {count}: {width} (L)</source>
      <translation>输入切片 {depth}（共 {count} 个）：{width} (L)</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="241" />
      <source>Output slice {depth} of {count}: {width} (L): {kind}</source>
      <translation>输出切片 {depth}（共 {count} 个）：{width} (L)：{kind}</translation>
    </message>
    <message>
      <location filename="gui/views/explore.py" line="411" />
      <source>Gradient: {count} routed so far</source>
      <translation>梯度：目前已分配 {count} 个</translation>
    </message>
    <message>
      <location filename="gui/views/formula_strip.py" line="25" />
      <source>Output size with your numbers, and how much smaller it is</source>
      <translation>按你的设置计算出的输出大小，以及缩小了多少</translation>
    </message>
    <message>
      <location filename="gui/views/formula_strip.py" line="53" />
      <source>(this image is being replaced by {name}…)</source>
      <translation>（此图像正在被替换为 {name}…）</translation>
    </message>
    <message>
      <location filename="gui/views/formula_strip.py" line="46" />
      <source>Cannot pool with these settings: {problem}</source>
      <translation>无法按这些设置进行池化：{problem}</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="116" />
      <source>the reference</source>
      <translation>参考基准</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="118" />
      <source>another shape</source>
      <translation>形状不同</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="121" />
      <source>as PyTorch</source>
      <translation>与 PyTorch 相同</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="65" />
      <source>Copy code</source>
      <translation>复制代码</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="122" />
      <source>{count} of {total} differ</source>
      <translation>{total} 个中有 {count} 个不同</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="136" />
      <source>Ties</source>
      <translation>并列</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="161" />
      <source>The same max or average pooling written in each framework: kernel and stride carry over, padding as the framework writes it, and what it cannot express is said. Cells marked in cyan differ from PyTorch's. Click an output cell (here or in Explore) to compare its window's divisor and where its gradient goes.</source>
      <translation>在每个框架中写出同一个最大池化或平均池化：核大小和步幅原样沿用，填充按该框架的写法表示，无法表达的部分会明确说明。青色标记的单元与 PyTorch 的结果不同。单击一个输出单元（在此处或“探索”页中）可比较其窗口的除数以及其梯度的去向。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="169" />
      <source>each framework's own defaults</source>
      <translation>各框架自己的默认值</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="173" />
      <source>On: the average's count_include_pad is each framework's default, as a literal port gets it (PyTorch and Flax count the padding, ONNX does not, Keras never). Off: the current rule is kept wherever the framework can express it.</source>
      <translation>开启：平均池化的计入填充 (count_include_pad) 取各框架的默认值，与直接照搬代码时一样（PyTorch 和 Flax 计入填充，ONNX 不计入，Keras 从不计入）。关闭：只要框架能够表达，就保持当前规则。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="252" />
      <source>Computing the four frameworks…</source>
      <translation>正在计算四个框架的结果…</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="86" />
      <source>refused</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="129" />
      <source>Refused</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="131" />
      <source>Padding</source>
      <translation>填充</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="131" />
      <source>ceil mode</source>
      <translation>向上取整模式</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="147" />
      <source>&lt;b&gt;Cannot express&lt;/b&gt;:</source>
      <translation>&lt;b&gt;无法表达&lt;/b&gt;：</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="236" />
      <source>Volumes are not compared: 3D pooling here follows PyTorch (max_pool3d, avg_pool3d, ...). Open an image or a sequence to compare the frameworks.</source>
      <translation>体数据不参与比较：这里的 3D 池化遵循 PyTorch（max_pool3d、avg_pool3d 等）。请打开图像或序列来比较各框架。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="281" />
      <source>All four frameworks compute the same output.</source>
      <translation>四个框架计算出的输出完全相同。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="68" />
      <source>Copy the {framework} code of these settings</source>
      <translation>复制当前设置的 {framework} 代码</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="133" />
      <source>Divisor</source>
      <translation>除数</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="135" />
      <source>Gradient</source>
      <translation>梯度</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="148" />
      <source>docs</source>
      <translation>文档</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="245" />
      <source>{kind} pooling is not compared: the frameworks differ in max and average pooling. Choose Max or Average (Ctrl+1, Ctrl+2).</source>
      <translation>{kind}不参与比较：各框架的差异在于最大池化和平均池化。请选择最大池化或平均池化（Ctrl+1、Ctrl+2）。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="273" />
      <source>Values differ from PyTorch's in {frameworks}.</source>
      <translation>{frameworks} 的数值与 PyTorch 不同。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="279" />
      <source>Another output shape in {frameworks}.</source>
      <translation>{frameworks} 的输出形状不同。</translation>
    </message>
    <message>
      <location filename="gui/views/frameworks.py" line="139" />
      <source>&lt;b&gt;{name}&lt;/b&gt;: {text}</source>
      <translation>&lt;b&gt;{name}&lt;/b&gt;：{text}</translation>
    </message>
    <message>
      <location filename="gui/views/gallery.py" line="60" />
      <source>Click a gotcha to load it: its input, settings and the cell to look at.</source>
      <translation>单击一个陷阱即可加载：包括其输入、设置以及要查看的单元。</translation>
    </message>
    <message>
      <location filename="gui/views/gallery.py" line="72" />
      <source>&lt;i&gt;Choose a gotcha above.&lt;/i&gt;</source>
      <translation>&lt;i&gt;请在上方选择一个陷阱。&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/gallery.py" line="37" />
      <source>&lt;p&gt;&lt;b&gt;Reported in&lt;/b&gt;:&lt;br&gt;{links}&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;报告来源&lt;/b&gt;：&lt;br&gt;{links}&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/gallery.py" line="36" />
      <source>&lt;p&gt;&lt;b&gt;Answer&lt;/b&gt;: {answer}&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;解答&lt;/b&gt;：{answer}&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/image_panel.py" line="110" />
      <source>row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="gui/views/image_panel.py" line="111" />
      <source>column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="gui/views/image_panel.py" line="150" />
      <source>position</source>
      <translation>位置</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="34" />
      <source> (the window holds only padding)</source>
      <translation> （窗口中只有填充）</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="110" />
      <source>pinned</source>
      <translation>已固定</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="110" />
      <source>hover</source>
      <translation>悬停</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="35" />
      <source> at input {position}</source>
      <translation> （位于输入 {position}）</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="68" />
      <source>Backward: this window holds only padding, so no input cell gets its gradient.</source>
      <translation>反向传播：此窗口只含填充，因此没有输入单元获得梯度。</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="85" />
      <source>Backward: {gradient} spread over the window by the derivative of the {reduction}.</source>
      <translation>反向传播：{gradient} 按{reduction}的导数分摊到窗口中。</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="101" />
      <source>red</source>
      <translation>红</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="101" />
      <source>green</source>
      <translation>绿</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="101" />
      <source>blue</source>
      <translation>蓝</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="101" />
      <source>value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="122" />
      <source>The arithmetic behind the selected output cell</source>
      <translation>所选输出单元背后的计算过程</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="25" />
      <source>{values}, … ({count} values)</source>
      <translation>{values}, …（共 {count} 个值）</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="72" />
      <source>Backward: gradient {gradient} goes to the chosen cell {cell} only; the other cells of the window get 0.</source>
      <translation>反向传播：梯度 {gradient} 只传给被选中的单元 {cell}；窗口中的其他单元得到 0。</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="77" />
      <source>Backward: {gradient} / {divisor} = {share} goes to each of the {count} real cells.</source>
      <translation>反向传播：{gradient} / {divisor} = {share} 分给 {count} 个真实单元中的每一个。</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="159" />
      <source>&lt;h3&gt;Input pixel ({row}, {col})&lt;/h3&gt;is inside the windows of &lt;b&gt;{count}&lt;/b&gt; output cell: {cells}{more}</source>
      <translation>&lt;h3&gt;输入像素 ({row}, {col})&lt;/h3&gt;位于 &lt;b&gt;{count}&lt;/b&gt; 个输出单元的窗口内：{cells}{more}</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="164" />
      <source>&lt;h3&gt;Input pixel ({row}, {col})&lt;/h3&gt;is inside the windows of &lt;b&gt;{count}&lt;/b&gt; output cells: {cells}{more}</source>
      <translation>&lt;h3&gt;输入像素 ({row}, {col})&lt;/h3&gt;位于 &lt;b&gt;{count}&lt;/b&gt; 个输出单元的窗口内：{cells}{more}</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="142" />
      <source>&lt;i&gt;Open an image to start.&lt;/i&gt;</source>
      <translation>&lt;i&gt;打开一幅图像即可开始。&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="180" />
      <source>&lt;h3&gt;Output cell ({depth}, {row}, {col}) &lt;small&gt;(D, H, W) [{state}]&lt;/small&gt;&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;输出单元 ({depth}, {row}, {col}) &lt;small&gt;(D, H, W) [{state}]&lt;/small&gt;&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="183" />
      <source>Window slices {slices}, rows {rows}, columns {columns} of the {depth} x {height} x {width} (D x H x W) volume</source>
      <translation>窗口覆盖 {depth} x {height} x {width} (D x H x W) 体数据的切片 {slices}、行 {rows}、列 {columns}</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="230" />
      <source>Window positions {positions} of the {length}-long sequence</source>
      <translation>窗口覆盖长度为 {length} 的序列中的位置 {positions}</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="234" />
      <source>Window rows {rows}, columns {columns} of the {height} x {width} (H x W) input</source>
      <translation>窗口覆盖 {height} x {width} (H x W) 输入的行 {rows}、列 {columns}</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="241" />
      <source>&lt;h3&gt;Output cell {position} &lt;small&gt;[{state}]&lt;/small&gt;&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;输出单元 {position} &lt;small&gt;[{state}]&lt;/small&gt;&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="255" />
      <source>&lt;h3&gt;Step 0 of {total}&lt;/h3&gt;&lt;i&gt;Nothing computed yet: press play or Right.&lt;/i&gt;</source>
      <translation>&lt;h3&gt;第 0 步（共 {total} 步）&lt;/h3&gt;&lt;i&gt;尚未计算：请按播放或 Right 键。&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="260" />
      <source>&lt;h3&gt;Step {count} of {total}: output cell {position}&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;第 {count} 步（共 {total} 步）：输出单元 {position}&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="269" />
      <source>{sentence}.</source>
      <translation>{sentence}。</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="135" />
      <source>&lt;p&gt;&lt;i&gt;This image is being replaced by {name}…&lt;/i&gt;&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;i&gt;此图像正在被替换为 {name}…&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="145" />
      <source>&lt;i&gt;Hover over an output cell to see its window; click to pin it, then use the arrow keys. Click an input pixel to see every output cell it feeds.&lt;/i&gt;</source>
      <translation>&lt;i&gt;将鼠标悬停在输出单元上可查看其窗口；单击可将其固定，然后使用方向键移动。单击输入像素可查看它参与计算的所有输出单元。&lt;/i&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/info_panel.py" line="276" />
      <source>Cells marked xN received gradient from N windows: overlapping windows add up.</source>
      <translation>标有 xN 的单元从 N 个窗口获得了梯度：重叠窗口的梯度会相加。</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="28" />
      <source>Classic 4x4 -&gt; 2x2 max</source>
      <translation>经典 4x4 -&gt; 2x2 最大池化</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="32" />
      <source>1D row 1..10, window 3</source>
      <translation>一维行 1..10，窗口 3</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="36" />
      <source>Ties (first maximum wins)</source>
      <translation>并列（第一个最大值胜出）</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="40" />
      <source>NaN propagates</source>
      <translation>NaN 会传播</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="44" />
      <source>6x6, 3x3 stride 1 (overlap)</source>
      <translation>6x6，3x3 步幅 1（重叠）</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="69" />
      <source>Type or paste numbers: rows on lines, values separated by spaces, commas or tabs</source>
      <translation>输入或粘贴数字：每行对应矩阵的一行，数值之间用空格、逗号或制表符分隔</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="79" />
      <source>Your own matrix (or pick a preset)</source>
      <translation>自定义矩阵（或选择预设）</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="82" />
      <source>Textbook examples, with matching pooling settings</source>
      <translation>教科书中的例子，附带相应的池化设置</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="89" />
      <source>Side of the random matrix</source>
      <translation>随机矩阵的边长</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="90" />
      <source>Random</source>
      <translation>随机</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="92" />
      <source>Fill an n x n matrix with random integers 0..9</source>
      <translation>用 0..9 的随机整数填充 n x n 矩阵</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="94" />
      <source>Apply</source>
      <translation>应用</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="96" />
      <source>Pool this matrix (Ctrl+Return)</source>
      <translation>对此矩阵进行池化（Ctrl+Return）</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="164" />
      <source>The matrix is {height} x {width} (H x W); matrix mode shows up to {side} x {side} so every number stays readable.</source>
      <translation>矩阵大小为 {height} x {width} (H x W)；矩阵模式最多显示 {side} x {side}，以保证每个数字都清晰可读。</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="173" />
      <source>Values above 1e15 are too large to show and compare; scale them down.</source>
      <translation>大于 1e15 的数值太大，无法显示和比较；请将其缩小。</translation>
    </message>
    <message>
      <location filename="gui/views/matrix_panel.py" line="72" />
      <source>Up to {side}x{side} numbers; paste from a spreadsheet works too</source>
      <translation>最多 {side}x{side} 个数字；也可以从电子表格粘贴</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="43" />
      <source>Train the article's network with max pooling, then its no-pooling twin (one click), and judge by the curves, not by what you expect. Look whether the solid test curves fall behind the dashed training ones: that gap is overfitting, which the article expects from the twin's huge last map; on these generated digits in 3 epochs it may barely show. Look whether accuracy on shifted digits falls more slowly with pooling than without, and by how many points at 4 to 6 pixels. Then, under Inside the network, click a channel of a convolution that a pooling layer follows and open it in Explore to see which values that layer keeps. The yellow box on the digit is all one cell of the last layer sees.</source>
      <translation>先用最大池化训练文章中的网络，再（一键）训练它的无池化对照网络，然后根据曲线而不是你的预期下结论。看看实线的测试曲线是否落后于虚线的训练曲线：这个差距就是过拟合，文章认为对照网络巨大的最后一层特征图会导致过拟合；但在这些生成的数字上只训练 3 个轮次，它可能几乎看不出来。再看看平移后数字上的准确率，有池化时是否比无池化时下降得更慢，在平移 4 到 6 个像素时又相差多少个百分点。然后在“网络内部”中，单击一个后面接有池化层的卷积层的某个通道，并在“探索”页中打开它，看看该池化层保留了哪些值。数字上的黄框就是最后一层的一个单元所能看到的全部范围。</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="98" />
      <source>What to look at in this tab</source>
      <translation>本页要观察什么</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="105" />
      <source>What the finished trainings measured</source>
      <translation>已完成训练的测量结果</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="115" />
      <source>Summary</source>
      <translation>概要</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="116" />
      <source>Training curves</source>
      <translation>训练曲线</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="117" />
      <source>Inside the network</source>
      <translation>网络内部</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="119" />
      <source>Each layer's output shape and parameters; the article's sums</source>
      <translation>每一层的输出形状和参数（权重）；文章中的算式</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="122" />
      <source>Loss, accuracy and shift tolerance of every pooling trained</source>
      <translation>每种已训练池化的损失、准确率与平移容忍度</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="124" />
      <source>Feature maps of the trained network for one digit</source>
      <translation>已训练网络对一个手写数字产生的特征图</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="144" />
      <source>The pooling of both pooling layers (2 x 2, stride 2), or none</source>
      <translation>两个池化层所用的池化方式（2 x 2，步幅 2），或不用池化</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="148" />
      <source>No-pooling twin</source>
      <translation>无池化对照网络</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="150" />
      <source>Switch to the same network without its pooling layers, and back</source>
      <translation>切换到去掉池化层的同一网络，再切换回来</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="156" />
      <source>Factor on every layer's channels: 1 is the article's network; 0.5 trains about three times faster on this machine (the no-pooling twin is about 7 times slower than max pooling)</source>
      <translation>每层通道数的倍数：1 即文章中的网络；0.5 在本机上训练快约三倍（无池化对照网络比最大池化慢约 7 倍）</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="165" />
      <source>Passes over the training digits</source>
      <translation>遍历训练集手写数字的次数</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="167" />
      <source>How many digits to train on</source>
      <translation>用多少个手写数字训练</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="170" />
      <source>How many test digits measure the accuracy</source>
      <translation>用多少个测试手写数字衡量准确率</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="173" />
      <source>Seed of the digits and of the weights</source>
      <translation>手写数字与权重的随机种子</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="182" />
      <source>Width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="183" />
      <source>Epochs</source>
      <translation>轮次</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="184" />
      <source>Digits</source>
      <translation>手写数字</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="185" />
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="187" />
      <source>Train</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="189" />
      <source>Train the network with the chosen pooling, in the background</source>
      <translation>在后台用所选池化方式训练网络</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="200" />
      <source>Stop the training; nothing of it is kept</source>
      <translation>停止训练；已训练的部分不会保留</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="207" />
      <source>How far the training is</source>
      <translation>训练进度</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="209" />
      <source>Where the training is, or what it did</source>
      <translation>训练的当前进度或结果</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="210" />
      <source>Nothing trained yet.</source>
      <translation>尚未训练。</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="177" />
      <source>test</source>
      <translation>测试</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="193" />
      <source>Train {poolings}</source>
      <translation>训练 {poolings}</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="195" />
      <source>Train {poolings} one after the other, to compare their curves</source>
      <translation>依次训练 {poolings}，以比较它们的曲线</translation>
    </message>
    <message>
      <location filename="gui/views/network.py" line="302" />
      <source>Back to {pool}</source>
      <translation>回到{pool}</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="43" />
      <source>Which test digit to feed the trained network</source>
      <translation>送入已训练网络的测试手写数字</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="44" />
      <source>test digit </source>
      <translation>测试手写数字 </translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="50" />
      <source>The input fed to the network, and the network's answer</source>
      <translation>送入网络的输入，以及网络的回答</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="62" />
      <source>The feature maps appear once the chosen pooling is trained</source>
      <translation>所选池化方式训练完成后，这里会显示特征图</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="64" />
      <source>Click a channel on the left</source>
      <translation>点击左侧的一个通道</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="66" />
      <source>The clicked channel, large; zoom in to read its values</source>
      <translation>所点击通道的大图；放大后可读出其数值</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="67" />
      <source>Open in Explore</source>
      <translation>在“探索”中打开</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="69" />
      <source>all channels</source>
      <translation>全部通道</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="72" />
      <source>Open every channel of the layer as one many-channel image, not just the clicked one</source>
      <translation>将该层的全部通道作为一幅多通道图像打开，而不只是所点击的通道</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="79" />
      <source>The digit the network is fed, and the receptive field</source>
      <translation>送入网络的手写数字，以及感受野</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="85" />
      <source>What one cell of the network's last layer can see</source>
      <translation>网络最后一层的一个单元能看到的范围</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="209" />
      <source>Open the clicked feature map in Explore, with the settings of the pooling layer that receives it, to follow that layer's windows on the real map ({pooling_layer} receives this map)</source>
      <translation>在“探索”中打开所点击的特征图，并采用接收它的池化层的设置，以便在真实的特征图上跟随该层的池化窗口（{pooling_layer} 接收此特征图）</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="215" />
      <source>Open the clicked feature map in Explore, with the settings of the pooling layer that receives it, to follow that layer's windows on the real map (no pooling layer follows {layer}: click a map one does)</source>
      <translation>在“探索”中打开所点击的特征图，并采用接收它的池化层的设置，以便在真实的特征图上跟随该层的池化窗口（{layer} 之后没有池化层：请点击后接池化层的特征图）</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="139" />
      <source>Feed the image shown in Explore instead of a test digit</source>
      <translation>送入“探索”中显示的图像，而不是测试手写数字</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="141" />
      <source>Explore's image can be fed when it is 1 x 28 x 28 (C x H x W), like the digits; open the digit sample there</source>
      <translation>“探索”中的图像为 1 x 28 x 28 (C x H x W) 时才能送入网络，与手写数字相同；请在那里打开手写数字示例</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="193" />
      <source>Open the clicked feature map in Explore, with the settings of the pooling layer that receives it, to follow that layer's windows on the real map (click a channel first)</source>
      <translation>在“探索”中打开所点击的特征图，并采用接收它的池化层的设置，以便在真实的特征图上跟随该层的池化窗口（请先点击一个通道）</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="159" />
      <source>Yellow box: the {field_height} x {field_width} pixels that cell ({row}, {col}) of {layer} (the last map, {height} x {width} x {channels}) sees.</source>
      <translation>黄框：{layer}（最后一张特征图，{height} x {width} x {channels}）的单元 ({row}, {col}) 所看到的 {field_height} x {field_width} 像素。</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="177" />
      <source>Train {pool} (left) to see what each of its layers makes of this digit.</source>
      <translation>请先在左侧训练 {pool}，即可查看它的每一层如何处理这个手写数字。</translation>
    </message>
    <message>
      <location filename="gui/views/network_inside.py" line="205" />
      <source>{layer}, channel {channel}</source>
      <translation>{layer}，通道 {channel}</translation>
    </message>
    <message>
      <location filename="gui/views/network_maps.py" line="109" />
      <source>What each layer makes of the input digit: every channel of every convolution and pooling layer, bright where it responds. Click a channel to see it large.</source>
      <translation>每一层如何处理输入的手写数字：每个卷积层和池化层的每个通道，响应越强处越亮。点击一个通道可放大查看。</translation>
    </message>
    <message>
      <location filename="gui/views/network_maps.py" line="153" />
      <source>{layer}: {channels} x {height} x {width}, pooled next</source>
      <translation>{layer}：{channels} x {height} x {width}，随后被池化</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="55" />
      <source>Loss and accuracy after each epoch, one colour per pooling: dashed the training set (running mean over the epoch), solid the test set</source>
      <translation>每轮次后的损失与准确率，每种池化一种颜色：虚线为训练集（该轮次内的累计平均），实线为测试集</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="61" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="61" />
      <source>epoch</source>
      <translation>轮次</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="63" />
      <source>accuracy (%)</source>
      <translation>准确率 (%)</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="142" />
      <source>Accuracy on the test digits moved right, left, down or up by 0 to 6 pixels, after training: the flatter a curve, the more the network tolerates a shift</source>
      <translation>训练后，测试手写数字向右、左、下或上平移 0 到 6 个像素时的准确率：曲线越平，网络对平移的容忍度越高</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="149" />
      <source>test accuracy (%)</source>
      <translation>测试准确率 (%)</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="149" />
      <source>shift of the test digits (pixels)</source>
      <translation>测试手写数字的平移量（像素）</translation>
    </message>
    <message>
      <location filename="gui/views/network_plots.py" line="90" />
      <source>train</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="52" />
      <source>Each layer's output shape and parameter count, as Keras's model.summary() lists them (channels last, None for the batch)</source>
      <translation>每层的输出形状与参数数量，与 Keras 的 model.summary() 列出的一致（通道在最后，批量维度记为 None）</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="69" />
      <source>The article's arithmetic, for its network (width 1)</source>
      <translation>文章中对其网络（宽度 1）的计算</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="58" />
      <source>Layer (type)</source>
      <translation>层（类型）</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="58" />
      <source>Output Shape</source>
      <translation>输出形状</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="58" />
      <source>Param #</source>
      <translation>参数数量</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="95" />
      <source>Total params</source>
      <translation>参数总数</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="108" />
      <source>&lt;b&gt;The article's network (width 1)&lt;/b&gt;</source>
      <translation>&lt;b&gt;文章中的网络（宽度 1）&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="gui/views/network_summary.py" line="86" />
      <source>&lt;b&gt;{pool}&lt;/b&gt; at width {width}, as Keras's model.summary() lists it:</source>
      <translation>&lt;b&gt;{pool}&lt;/b&gt;，宽度 {width}，按 Keras 的 model.summary() 列出：</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="25" />
      <source>Pool a photo or any image file (Ctrl+O); samples included</source>
      <translation>对照片或任意图像文件做池化 (Ctrl+O)；附带示例</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="27" />
      <source>Matrix</source>
      <translation>矩阵</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="28" />
      <source>Pool a small matrix you type, paste or pick from textbook presets</source>
      <translation>对你输入、粘贴或从教材预设中选取的小矩阵做池化</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="74" />
      <source>Open image…</source>
      <translation>打开图像…</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="76" />
      <source>Open a PNG, JPEG, BMP, GIF, TIFF or WebP image (Ctrl+O)</source>
      <translation>打开 PNG、JPEG、BMP、GIF、TIFF 或 WebP 图像 (Ctrl+O)</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="80" />
      <source>Samples…</source>
      <translation>示例…</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="84" />
      <source>The bundled samples: a photo, a digit, a checkerboard, matrices</source>
      <translation>附带的示例：一张照片、一个手写数字、一个棋盘格、若干矩阵</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="91" />
      <source>Which channel(s) of a colour image to pool and show</source>
      <translation>对彩色图像的哪个（些）通道做池化并显示</translation>
    </message>
    <message>
      <location filename="gui/views/source.py" line="99" />
      <source>Channel</source>
      <translation>通道</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="32" />
      <source>all ones</source>
      <translation>全 1</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="33" />
      <source>random (seeded)</source>
      <translation>随机（带种子）</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="34" />
      <source>the output</source>
      <translation>输出本身</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="35" />
      <source>one-hot (click a cell)</source>
      <translation>独热（点击一个单元）</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="73" />
      <source>Back to the start (Home)</source>
      <translation>回到开头 (Home)</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="79" />
      <source>One step back (Left)</source>
      <translation>后退一步 (Left)</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="84" />
      <source>Play / pause (Space)</source>
      <translation>播放 / 暂停 (Space)</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="88" />
      <source>One step forward (Right)</source>
      <translation>前进一步 (Right)</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="93" />
      <source>Jump to the end (End)</source>
      <translation>跳到结尾 (End)</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="97" />
      <source>Scrub through every output cell</source>
      <translation>拖动以逐个浏览输出单元</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="109" />
      <source>Steps done of all steps</source>
      <translation>已完成步数 / 总步数</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="114" />
      <source>Speed: from one window per second to hundreds</source>
      <translation>速度：从每秒一个窗口到每秒数百个</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="116" />
      <source>loop</source>
      <translation>循环</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="118" />
      <source>Start again at the end</source>
      <translation>到结尾后从头再来</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="120" />
      <source>rows</source>
      <translation>按行</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="123" />
      <source>Row at a time: advance a whole output row per step (large outputs)</source>
      <translation>按行推进：每步前进一整行输出（适用于较大的输出）</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="128" />
      <source>Forward</source>
      <translation>前向传播</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="129" />
      <source>Backward</source>
      <translation>反向传播</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="131" />
      <source>Forward: compute the output. Backward: route the gradient back</source>
      <translation>前向传播：计算输出。反向传播：将梯度分配回输入</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="138" />
      <source>The gradient that arrives at the output in the backward pass</source>
      <translation>反向传播中到达输出的梯度</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="147" />
      <source>seed </source>
      <translation>种子 </translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="148" />
      <source>Seed of the random upstream gradient</source>
      <translation>随机上游梯度的种子</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="166" />
      <source>Steps per second</source>
      <translation>每秒步数</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="234" />
      <source>Stepping and the backward view work on images and sequences; explore a volume with its slice sliders and by selecting cells</source>
      <translation>逐步演示与反向传播视图适用于图像和序列；体数据请用切片滑块并选择单元来探索</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="249" />
      <source>{speed}/s</source>
      <translation>{speed} 步/秒</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="246" />
      <source>{count} / {total} rows</source>
      <translation>{count} / {total} 行</translation>
    </message>
    <message>
      <location filename="gui/views/timeline.py" line="248" />
      <source>{count} / {total} cells</source>
      <translation>{count} / {total} 个单元</translation>
    </message>
    <message>
      <location filename="gui/views/try_card.py" line="11" />
      <source>&lt;b&gt;Try this:&lt;/b&gt; hover over an output cell to see the window it came from (click to pin it, then the arrow keys move it) · press &lt;b&gt;Space&lt;/b&gt; to play the pooling step by step · switch to &lt;b&gt;Matrix&lt;/b&gt; mode (top left) to pool numbers you type.</source>
      <translation>&lt;b&gt;试试看：&lt;/b&gt;将鼠标悬停在某个输出单元上，查看它来自哪个池化窗口（点击可固定，之后用方向键移动）· 按 &lt;b&gt;Space&lt;/b&gt; 逐步播放池化过程 · 切换到&lt;b&gt;矩阵&lt;/b&gt;模式（左上角），对你输入的数字做池化。</translation>
    </message>
    <message>
      <location filename="gui/views/try_card.py" line="35" />
      <source>Hide this hint (Help &gt; Show the 'try this' hint brings it back)</source>
      <translation>隐藏此提示（“帮助 &gt; 显示‘试试看’提示”可重新显示）</translation>
    </message>
    <message>
      <location filename="engine/analysis/experiments.py" line="21" />
      <source>edges (24 centre, -1 around)</source>
      <translation>边缘（中心 24，周围 -1）</translation>
    </message>
    <message>
      <location filename="engine/analysis/experiments.py" line="22" />
      <source>Sobel x (vertical edges)</source>
      <translation>Sobel x（竖直边缘）</translation>
    </message>
    <message>
      <location filename="engine/analysis/experiments.py" line="23" />
      <source>Sobel y (horizontal edges)</source>
      <translation>Sobel y（水平边缘）</translation>
    </message>
    <message>
      <location filename="engine/analysis/experiments.py" line="24" />
      <source>box blur 3x3</source>
      <translation>3x3 均值模糊</translation>
    </message>
    <message>
      <location filename="engine/analysis/experiments.py" line="25" />
      <source>Gaussian blur 5x5</source>
      <translation>5x5 高斯模糊</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="227" />
      <source>cell {cell}: to {where}</source>
      <translation>单元 {cell}：梯度分配到 {where}</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="79" />
      <source>{height} x {width} (H x W)</source>
      <translation>{height} x {width} (H x W)</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="116" />
      <source>Frameworks differ in max and average pooling; {kind} pooling is PoolScope's own or PyTorch's only. Choose Max or Average.</source>
      <translation>各框架的差异体现在最大池化和平均池化上；{kind}是 PoolScope 自有的或仅 PyTorch 提供的池化。请选择最大池化或平均池化。</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="174" />
      <source>rows: a last window starting in the padding is dropped</source>
      <translation>行：起始于填充中的最后一个窗口被丢弃</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="175" />
      <source>rows: the last window, hanging over the edge, is kept</source>
      <translation>行：超出边缘的最后一个窗口被保留</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="178" />
      <source>columns: a last window starting in the padding is dropped</source>
      <translation>列：起始于填充中的最后一个窗口被丢弃</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="179" />
      <source>columns: the last window, hanging over the edge, is kept</source>
      <translation>列：超出边缘的最后一个窗口被保留</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="188" />
      <source>no ceil mode</source>
      <translation>无向上取整模式</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="190" />
      <source>off</source>
      <translation>关</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="202" />
      <source>on (no window hangs over)</source>
      <translation>开（没有窗口超出边缘）</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="208" />
      <source>no backward pass (ONNX is an inference format)</source>
      <translation>无反向传播（ONNX 是推理格式）</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="222" />
      <source>nowhere</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="224" />
      <source>cell {cell}: {count} tied maxima; to {where}</source>
      <translation>单元 {cell}：{count} 个并列最大值；梯度分配到 {where}</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="78" />
      <source>{width} (L)</source>
      <translation>{width} (L)</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="150" />
      <source>{value} for cell {cell} (padding included)</source>
      <translation>单元 {cell} 为 {value}（计入填充）</translation>
    </message>
    <message>
      <location filename="engine/analysis/frameworks.py" line="152" />
      <source>{value} for cell {cell} (real cells only)</source>
      <translation>单元 {cell} 为 {value}（仅计真实单元）</translation>
    </message>
    <message>
      <location filename="engine/io/export.py" line="223" />
      <source>Cannot export to '{name}': use one of {suffixes} as the suffix.</source>
      <translation>无法导出到“{name}”：请使用 {suffixes} 之一作为后缀。</translation>
    </message>
    <message>
      <location filename="engine/io/export.py" line="308" />
      <source>The animation would need about {needed} ({frames} frames of {width} x {height} pixels, W x H), more than the memory budget of {budget}: ask for fewer frames.</source>
      <translation>该动画约需 {needed}（{frames} 帧，每帧 {width} x {height} 像素，W x H），超过了 {budget} 的内存预算：请减少帧数。</translation>
    </message>
    <message>
      <location filename="engine/io/export.py" line="324" />
      <source>There is nothing to animate.</source>
      <translation>没有可制作动画的内容。</translation>
    </message>
    <message>
      <location filename="engine/io/export.py" line="82" />
      <source>Cannot write '{path}': {problem}.</source>
      <translation>无法写入“{path}”：{problem}。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="24" />
      <source>a named pipe (FIFO)</source>
      <translation>命名管道 (FIFO)</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="25" />
      <source>a device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="27" />
      <source>a socket</source>
      <translation>套接字</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="115" />
      <source>Cannot open '{name}': the file is empty (0 bytes).</source>
      <translation>无法打开“{name}”：文件为空（0 字节）。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="121" />
      <source>Cannot open '{name}': it is a folder, not an image file.</source>
      <translation>无法打开“{name}”：它是文件夹，不是图像文件。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="124" />
      <source>Cannot open '{name}': it is {kind}, not an image file.</source>
      <translation>无法打开“{name}”：它是{kind}，不是图像文件。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="153" />
      <source>Cannot open '{name}': the image has zero size ({height} x {width}, H x W).</source>
      <translation>无法打开“{name}”：图像大小为零（{height} x {width}，H x W）。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="160" />
      <source>Cannot open '{name}': {height} x {width} (H x W) is {megapixels} megapixels, over the limit of {limit} megapixels.</source>
      <translation>无法打开“{name}”：{height} x {width} (H x W) 为 {megapixels} 百万像素，超过了 {limit} 百万像素的上限。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="55" />
      <source>Cannot open '{name}': permission denied.</source>
      <translation>无法打开“{name}”：权限被拒绝。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="57" />
      <source>Cannot open '{name}': the file disappeared while reading.</source>
      <translation>无法打开“{name}”：读取过程中文件消失了。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="61" />
      <source>Cannot open '{name}': not enough memory to decode it.</source>
      <translation>无法打开“{name}”：内存不足，无法解码。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="65" />
      <source>Cannot open '{name}': it is not a text file.</source>
      <translation>无法打开“{name}”：它不是文本文件。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="67" />
      <source>Cannot open '{name}': not an image format PoolScope can read (is it really an image?).</source>
      <translation>无法打开“{name}”：不是 PoolScope 能读取的图像格式（它真的是图像吗？）。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="73" />
      <source>Cannot open '{name}': it claims an enormous size and was refused as a possible decompression bomb.</source>
      <translation>无法打开“{name}”：它声称的尺寸极大，可能是解压炸弹，已被拒绝。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="90" />
      <source>Cannot open '{name}': the file is damaged or truncated ({detail}).</source>
      <translation>无法打开“{name}”：文件已损坏或被截断（{detail}）。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="105" />
      <source>Cannot open '{name}': the file does not exist (moved or deleted?).</source>
      <translation>无法打开“{name}”：文件不存在（已被移动或删除？）。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="112" />
      <source>Cannot open '{name}': {detail}.</source>
      <translation>无法打开“{name}”：{detail}。</translation>
    </message>
    <message>
      <location filename="engine/io/files.py" line="123" />
      <source>not a regular file</source>
      <translation>非普通文件</translation>
    </message>
    <message>
      <location filename="engine/io/images.py" line="136" />
      <source>Cannot open '{name}' as sequences: only a matrix (.csv, .tsv, .txt or .npy) holds sequences, one per row.</source>
      <translation>无法以序列打开“{name}”：只有矩阵（.csv、.tsv、.txt 或 .npy）才能存放序列，每行一个。</translation>
    </message>
    <message>
      <location filename="engine/io/images.py" line="177" />
      <source>Cannot open '{name}' as a volume: a volume is a 3D .npy array or a multi-frame TIFF, GIF or WebP.</source>
      <translation>无法以体数据打开“{name}”：体数据须为三维 .npy 数组，或多帧 TIFF、GIF、WebP。</translation>
    </message>
    <message>
      <location filename="engine/io/images.py" line="193" />
      <source>Cannot open '{name}' as a volume: it has a single frame (open it as an image instead).</source>
      <translation>无法以体数据打开“{name}”：它只有一帧（请改为以图像打开）。</translation>
    </message>
    <message>
      <location filename="engine/io/images.py" line="204" />
      <source>Cannot open '{name}' as a volume: frame {frame} is {frame_height} x {frame_width} (H x W), frame 0 is {height} x {width}.</source>
      <translation>无法以体数据打开“{name}”：第 {frame} 帧为 {frame_height} x {frame_width} (H x W)，而第 0 帧为 {height} x {width}。</translation>
    </message>
    <message>
      <location filename="engine/io/images.py" line="298" />
      <source>Cannot open '{name}': it has {frames} frame(s), no frame {frame}.</source>
      <translation>无法打开“{name}”：它有 {frames} 帧，没有第 {frame} 帧。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="243" />
      <source>{choices} or {last}</source>
      <translation>{choices} 或 {last}</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="92" />
      <source>The matrix is empty: type or paste some numbers.</source>
      <translation>矩阵为空：请输入或粘贴一些数字。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="201" />
      <source>Cannot open '{name}': expected an array of numbers, got {stored} (shape {shape}).</source>
      <translation>无法打开“{name}”：应为数值数组，实际为 {stored}（形状 {shape}）。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="216" />
      <source>Cannot open '{name}': expected a {wanted} array of numbers, got shape {shape}.</source>
      <translation>无法打开“{name}”：应为 {wanted} 数值数组，实际形状为 {shape}。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="229" />
      <source>Cannot open '{name}': the file is truncated (its header promises {needed} bytes of data, {available} are there).</source>
      <translation>无法打开“{name}”：文件被截断（文件头声明有 {needed} 字节数据，实际只有 {available} 字节）。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="73" />
      <source>Row {line} has {count} values but row 1 has {first}: every row needs the same number of values.</source>
      <translation>第 {line} 行有 {count} 个值，而第 1 行有 {first} 个：每行的值个数必须相同。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="82" />
      <source>The matrix has more than {limit} cells ({rows} rows of {columns} already); matrix mode is for small examples (at most {limit} cells). Open larger data as an image or a .npy file.</source>
      <translation>矩阵超过 {limit} 个单元（已有 {rows} 行，每行 {columns} 个）；矩阵模式用于小型示例（最多 {limit} 个单元）。较大的数据请以图像或 .npy 文件打开。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="114" />
      <source>Row {line}, column {column}: '{cell}' is too large for a number.</source>
      <translation>第 {line} 行第 {column} 列：“{cell}”太大，无法表示为数字。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="166" />
      <source>Cannot open '{name}': line {line} is longer than {limit} characters; is it really a matrix?</source>
      <translation>无法打开“{name}”：第 {line} 行超过 {limit} 个字符；它真的是矩阵吗？</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="181" />
      <source>Cannot open '{name}': it is not a NumPy .npy file.</source>
      <translation>无法打开“{name}”：它不是 NumPy .npy 文件。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="209" />
      <source>Cannot open '{name}': expected a {wanted} array of numbers, got shape {shape} (a 3D array is a volume: File &gt; Open as volume).</source>
      <translation>无法打开“{name}”：应为 {wanted} 数值数组，实际形状为 {shape}（三维数组是体数据：文件 &gt; 以体数据打开）。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="107" />
      <source>Row {line}, column {column}: '{cell}' is not a number.</source>
      <translation>第 {line} 行第 {column} 列：“{cell}”不是数字。</translation>
    </message>
    <message>
      <location filename="engine/io/matrices.py" line="154" />
      <source>Cannot open '{name}': {problem}</source>
      <translation>无法打开“{name}”：{problem}</translation>
    </message>
    <message>
      <location filename="engine/network/architecture.py" line="44" />
      <source>No pooling</source>
      <translation>无池化</translation>
    </message>
    <message>
      <location filename="engine/network/architecture.py" line="126" />
      <source>{kind} pooling</source>
      <translation>{kind}</translation>
    </message>
    <message>
      <location filename="engine/network/architecture.py" line="89" />
      <source>Unknown pooling '{pool}' for the network: choose one of {choices}.</source>
      <translation>网络不支持池化方式“{pool}”：请从 {choices} 中选择一个。</translation>
    </message>
    <message>
      <location filename="engine/network/architecture.py" line="199" />
      <source>The network with '{pool}' pooling does not fit a {shape} (C, H, W) input at {layer} ({type_name}): {problem}</source>
      <translation>池化方式为“{pool}”的网络无法接受 {shape} (C, H, W) 的输入，问题出在 {layer}（{type_name}）：{problem}</translation>
    </message>
    <message>
      <location filename="engine/network/architecture.py" line="96" />
      <source>The width factor must be above 0 and at most 16, not {width}</source>
      <translation>宽度倍数必须大于 0 且不超过 16，而不是 {width}</translation>
    </message>
    <message>
      <location filename="engine/network/layers.py" line="50" />
      <source>it needs a (C, H, W) input, not {shape}</source>
      <translation>它需要 (C, H, W) 形状的输入，而不是 {shape}</translation>
    </message>
    <message>
      <location filename="engine/network/layers.py" line="56" />
      <source>a {kernel}x{kernel} kernel does not fit an input of shape {shape} (C, H, W)</source>
      <translation>{kernel}x{kernel} 的卷积核放不进形状为 {shape} (C, H, W) 的输入</translation>
    </message>
    <message>
      <location filename="engine/network/layers.py" line="172" />
      <source>it needs a flat input, not {shape}</source>
      <translation>它需要展平的输入，而不是 {shape}</translation>
    </message>
    <message>
      <location filename="engine/network/summary.py" line="106" />
      <source>{pool}: the last map is {height} x {width} x {channels} = {values} values; a Dense({units}) on it needs {values} x {units} = {weights} weights ({millions} M) plus {units} biases.</source>
      <translation>{pool}：最后的特征图为 {height} x {width} x {channels} = {values} 个值；在其上接 Dense({units}) 需要 {values} x {units} = {weights} 个权重（{millions} M），外加 {units} 个偏置。</translation>
    </message>
    <message>
      <location filename="engine/ops/adaptive_avg.py" line="72" />
      <source>an output of {size}</source>
      <translation>大小为 {size} 的输出</translation>
    </message>
    <message>
      <location filename="engine/ops/adaptive_avg.py" line="73" />
      <source>use a smaller output_size or a smaller input</source>
      <translation>使用更小的 output_size 或更小的输入</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="72" />
      <source>{op_name}() {name} must be True or False, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须为 True 或 False，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="42" />
      <source>{op_name}() {name} must be an int, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是整数，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="50" />
      <source>{op_name}() {name} must be at least {minimum}, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须至少为 {minimum}，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="58" />
      <source>{op_name}() {name} must be at most {largest}, but got {value}</source>
      <translation>{op_name}() 的 {name} 不能超过 {largest}，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="85" />
      <source>{op_name}() {name} must be a number, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是数字，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="96" />
      <source>{op_name}() {name} must be a finite number, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是有限的数字，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="118" />
      <source>{op_name}() {name} must be an int or a tuple of {count} ints, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是整数或由 {count} 个整数组成的元组，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="124" />
      <source>{name} must be an int or a tuple of {count} ints, but got {value}</source>
      <translation>{name} 必须是整数或由 {count} 个整数组成的元组，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/arguments.py" line="151" />
      <source>{name} must be at most {largest}, but got {value}</source>
      <translation>{name} 不能超过 {largest}，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/avgpool.py" line="117" />
      <source>{op_name}() divisor_override must not be zero</source>
      <translation>{op_name}() 的 divisor_override 不能为零</translation>
    </message>
    <message>
      <location filename="engine/ops/avgpool.py" line="127" />
      <source>{op_name}() input image of {size} is smaller than kernel_size={kernel}</source>
      <translation>{op_name}() 的输入图像大小为 {size}，小于 kernel_size={kernel}</translation>
    </message>
    <message>
      <location filename="engine/ops/blurpool.py" line="29" />
      <source>{op_name}() blur_size must be 2 to 5, but got {value}</source>
      <translation>{op_name}() 的 blur_size 必须在 2 到 5 之间，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/blurpool.py" line="125" />
      <source>{op_name}() stride must be at least 1, but got {value}</source>
      <translation>{op_name}() 的 stride 必须至少为 1，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional.py" line="71" />
      <source>{op_name}() kernel_size must be greater than zero, but got kernel_size={kernel}</source>
      <translation>{op_name}() 的 kernel_size 必须大于零，但收到了 kernel_size={kernel}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional.py" line="105" />
      <source>use a smaller input or output_size</source>
      <translation>使用更小的输入或 output_size</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional.py" line="214" />
      <source>{op_name}() needs the forward's _random_samples (or its indices, or a generator in the state the forward drew from) to find the same windows</source>
      <translation>{op_name}() 需要前向传播的 _random_samples（或其 indices，或处于前向传播抽样时状态的 generator）才能找到相同的窗口</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="31" />
      <source>height</source>
      <translation>高度</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="31" />
      <source>width</source>
      <translation>宽度</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="32" />
      <source>time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="79" />
      <source>{op_name}() output_size {output} + kernel_size {kernel} - 1 must be at most input_size {size}</source>
      <translation>{op_name}() 的 output_size {output} + kernel_size {kernel} - 1 不能超过 input_size {size}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="89" />
      <source>{op_name}() sample must lie in [0, 1), but got {value}</source>
      <translation>{op_name}() 的 sample 必须位于 [0, 1) 内，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="127" />
      <source>{op_name}() output_ratio must be a number or a tuple of {count} numbers, but got {value}</source>
      <translation>{op_name}() 的 output_ratio 必须是数字或由 {count} 个数字组成的元组，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="136" />
      <source>{op_name}() output_ratio must be between 0 and 1 (got {value})</source>
      <translation>{op_name}() 的 output_ratio 必须介于 0 和 1 之间（收到了 {value}）</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="143" />
      <source>{op_name}() output_ratio={value} gives an output size of {output} for an input of {size}: use a larger output_ratio</source>
      <translation>{op_name}() 的 output_ratio={value} 对大小为 {size} 的输入给出的输出大小为 {output}：请使用更大的 output_ratio</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="160" />
      <source>{op_name}() requires specifying either an output_size or an output_ratio</source>
      <translation>{op_name}() 需要指定 output_size 或 output_ratio 之一</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="193" />
      <source>{op_name}() pool {axis} {kernel} too large relative to input {axis} {length} (output_size {output} + kernel_size {kernel} - 1 must be at most {length})</source>
      <translation>{op_name}() 的池化核在{axis}维上为 {kernel}，相对于输入在{axis}维上的 {length} 过大（output_size {output} + kernel_size {kernel} - 1 不能超过 {length}）</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="222" />
      <source>{op_name}() _random_samples must have shape {expected} (N, C, {axes}), one sample per plane and axis, but got shape {shape}</source>
      <translation>{op_name}() 的 _random_samples 形状必须为 {expected} (N, C, {axes})，即每个平面的每个轴一个采样值，但收到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="232" />
      <source>{op_name}() _random_samples must lie in [0, 1), but got values from {lowest} to {highest}</source>
      <translation>{op_name}() 的 _random_samples 必须位于 [0, 1) 内，但收到的值从 {lowest} 到 {highest}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="252" />
      <source>{op_name}() {name} must be numeric, but got dtype {dtype}</source>
      <translation>{op_name}() 的 {name} 必须是数值类型，但收到的 dtype 为 {dtype}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="167" />
      <source>{op_name}() output_size must be positive, but got {value}</source>
      <translation>{op_name}() 的 output_size 必须为正，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="188" />
      <source>{op_name}() pool {axis} {kernel} too large relative to input {axis} {length} (output_size {output} + kernel_size {kernel} - 1 must be less than {length})</source>
      <translation>{op_name}() 的池化核在{axis}维上为 {kernel}，相对于输入在{axis}维上的 {length} 过大（output_size {output} + kernel_size {kernel} - 1 必须小于 {length}）</translation>
    </message>
    <message>
      <location filename="engine/ops/fractional_windows.py" line="213" />
      <source>{op_name}() generator must be a numpy.random.Generator, but got {value}</source>
      <translation>{op_name}() 的 generator 必须是 numpy.random.Generator，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="124" />
      <source>{op_name} jax padding must be a string or {count} (low, high) pairs of non-negative ints, but got {value}</source>
      <translation>{op_name}：JAX 的 padding 必须是字符串或 {count} 个由非负整数组成的 (low, high) 对，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="39" />
      <source>Flax (jax.lax.reduce_window through flax.linen)</source>
      <translation>Flax（通过 flax.linen 调用 jax.lax.reduce_window）</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="42" />
      <source>{op_name} {framework} has no ceil_mode: {what} pooling always rounds the output size down over the padded input; got ceil_mode=True</source>
      <translation>{op_name}：{framework} 没有 ceil_mode：{what} 的池化总是在填充后的输入上将输出大小向下取整；收到了 ceil_mode=True</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="50" />
      <source>{op_name} {framework} pooling has no dilation: {what} pooling windows are contiguous; got dilation={value}</source>
      <translation>{op_name}：{framework} 的池化没有膨胀（空洞）：{what} 的池化窗口总是连续的；收到了 dilation={value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="95" />
      <source>{op_name} keras padding must be 'valid' or 'same', but got {value}</source>
      <translation>{op_name}：Keras 的 padding 必须为 'valid' 或 'same'，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="209" />
      <source>{op_name} onnx auto_pad must be one of {choices}, but got {value}</source>
      <translation>{op_name}：ONNX 的 auto_pad 必须是 {choices} 之一，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="217" />
      <source>{op_name} onnx pads cannot be used with auto_pad={mode}, but got pads={pads}</source>
      <translation>{op_name}：ONNX 的 pads 不能与 auto_pad={mode} 同时使用，但收到了 pads={pads}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="228" />
      <source>{op_name} onnx pads must be smaller than kernel_shape (onnxruntime refuses others), but got pads={pads} for kernel_shape={kernel}</source>
      <translation>{op_name}：ONNX 的 pads 必须小于 kernel_shape（onnxruntime 拒绝其他取值），但对 kernel_shape={kernel} 收到了 pads={pads}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="245" />
      <source>{op_name} onnx pads must be {count} non-negative ints [x1_begin, x2_begin, ..., x1_end, x2_end], but got {value}</source>
      <translation>{op_name}：ONNX 的 pads 必须是 {count} 个非负整数 [x1_begin, x2_begin, ..., x1_end, x2_end]，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="258" />
      <source>{op_name} onnx auto_pad={mode} with dilations={dilations} is refused: the ONNX spec pads for the dilated window, onnxruntime for the undilated one, so the two disagree; give explicit pads instead</source>
      <translation>{op_name}：ONNX 的 auto_pad={mode} 与 dilations={dilations} 同时使用会被拒绝：ONNX 规范按膨胀后的窗口计算填充，onnxruntime 按未膨胀的窗口计算，两者并不一致；请改为显式给出 pads</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="271" />
      <source>{op_name} onnx auto_pad={mode} needs negative padding {needed} for input size {size}, kernel_shape {kernel} and strides {strides} (a stride larger than the kernel leaves cells out); onnxruntime refuses it</source>
      <translation>{op_name}：ONNX 的 auto_pad={mode} 在输入大小 {size}、kernel_shape {kernel} 和 strides {strides} 下需要负的填充 {needed}（步幅大于核大小时会漏掉一些单元）；onnxruntime 拒绝这种情况</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="325" />
      <source>{op_name} framework must be one of {choices}, but got {value}</source>
      <translation>{op_name} 的 framework 必须是 {choices} 之一，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/conventions.py" line="113" />
      <source>{op_name} jax padding must be 'SAME', 'SAME_LOWER', 'VALID' or (low, high) pairs, but got {value}</source>
      <translation>{op_name}：JAX 的 padding 必须是 'SAME'、'SAME_LOWER'、'VALID' 或 (low, high) 对，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/core.py" line="28" />
      <source>use a smaller input, less padding or a larger stride</source>
      <translation>使用更小的输入、更少的填充或更大的步幅</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/core.py" line="35" />
      <source>{op_name}() geometry must be a PaddedGeometry, but got {type_name}</source>
      <translation>{op_name}() 的 geometry 必须是 PaddedGeometry，但收到了 {type_name}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/core.py" line="42" />
      <source>{op_name}() input of shape {shape} does not match the geometry's input size {size}</source>
      <translation>{op_name}() 的输入形状 {shape} 与 geometry 的输入大小 {size} 不符</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/core.py" line="70" />
      <source>a padded buffer of {size}</source>
      <translation>大小为 {size} 的填充缓冲区</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/core.py" line="77" />
      <source>{op_name}() {name} must be one of {choices}, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是 {choices} 之一，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="272" />
      <source>{op_name} pads must be an int or, per axis, an int or a (low, high) pair, but got {value}</source>
      <translation>{op_name} 的 pads 必须是一个整数，或每个轴一个整数或一个 (low, high) 对，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="184" />
      <source>{op_name} kernel size must be at least 1, but got {values}</source>
      <translation>{op_name} 的核大小必须至少为 1，但收到了 {values}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="198" />
      <source>{op_name} padding must be non-negative, but got {padding}</source>
      <translation>{op_name} 的填充必须非负，但收到了 {padding}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="208" />
      <source>{op_name} given input size {size} with kernel size {kernel}, stride {stride}, padding {padding} and dilation {dilation}: the dilated window d*(k-1)+1 is longer than the padded input, so there is no output</source>
      <translation>{op_name} 在输入大小 {size}、核大小 {kernel}、步幅 {stride}、填充 {padding} 和膨胀（空洞）{dilation} 下：膨胀窗口 d*(k-1)+1 比填充后的输入更长，因此没有输出</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="229" />
      <source>{op_name} input_size must be (L,) or (H, W) of positive ints, but got {value}</source>
      <translation>{op_name} 的 input_size 必须是由正整数组成的 (L,) 或 (H, W)，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/frameworks/geometry.py" line="191" />
      <source>{op_name} {name} must be at least 1, but got {values}</source>
      <translation>{op_name} 的 {name} 必须至少为 1，但收到了 {values}</translation>
    </message>
    <message>
      <location filename="engine/ops/gather.py" line="170" />
      <source>{output} with windows of {window} cells</source>
      <translation>{output}（每个窗口 {window} 个单元）</translation>
    </message>
    <message>
      <location filename="engine/ops/gather.py" line="175" />
      <source>use a smaller kernel_size or input</source>
      <translation>使用更小的 kernel_size 或输入</translation>
    </message>
    <message>
      <location filename="engine/ops/layout.py" line="123" />
      <source>use a smaller input or a larger stride</source>
      <translation>使用更小的输入或更大的步幅</translation>
    </message>
    <message>
      <location filename="engine/ops/layout.py" line="154" />
      <source>{op_name}() {name} must have the output's shape {expected}, but got {shape}</source>
      <translation>{op_name}() 的 {name} 必须具有输出的形状 {expected}，但收到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="engine/ops/layout.py" line="131" />
      <source>{op_name}() {name} must be an array, but got {value}</source>
      <translation>{op_name}() 的 {name} 必须是数组，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/layout.py" line="149" />
      <source>{op_name}() {name} must have the input's shape {expected}, but got {shape}</source>
      <translation>{op_name}() 的 {name} 必须具有输入的形状 {expected}，但收到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="engine/ops/layout.py" line="161" />
      <source>{op_name}() {name} must be integers, but got dtype {dtype}</source>
      <translation>{op_name}() 的 {name} 必须是整数，但收到的 dtype 为 {dtype}</translation>
    </message>
    <message>
      <location filename="engine/ops/lppool.py" line="20" />
      <source>{op_name}() norm_type must be a positive finite number, but got {value}</source>
      <translation>{op_name}() 的 norm_type 必须是有限的正数，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/max_ties.py" line="30" />
      <source>{op_name}() tie must be 'first' or 'all', but got {value}</source>
      <translation>{op_name}() 的 tie 必须为 'first' 或 'all'，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/max_ties.py" line="36" />
      <source>{op_name}() tie='all' finds every maximum itself and takes no indices (they name one cell per window); pass indices=None or tie='first'</source>
      <translation>{op_name}() 在 tie='all' 时会自行找出每个最大值，不接受 indices（indices 每个窗口只指向一个单元）；请传入 indices=None 或 tie='first'</translation>
    </message>
    <message>
      <location filename="engine/ops/memory.py" line="29" />
      <source>raise the memory budget</source>
      <translation>提高内存预算</translation>
    </message>
    <message>
      <location filename="engine/ops/memory.py" line="66" />
      <source>{op_name}() budget must be a positive int, got {value}</source>
      <translation>{op_name}() 的 budget 必须是正整数，收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/memory.py" line="81" />
      <source>{op_name}() hint must be a non-empty string, got {value}</source>
      <translation>{op_name}() 的 hint 必须是非空字符串，收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/memory.py" line="102" />
      <source>{count} bytes</source>
      <translation>{count} 字节</translation>
    </message>
    <message>
      <location filename="engine/ops/memory.py" line="162" />
      <source>{op_name}() would need {needed} for {what}; the memory budget is {budget}: {advice}, or {hint}</source>
      <translation>{op_name}() 存放{what}需要 {needed}；内存预算为 {budget}：请{advice}，或{hint}</translation>
    </message>
    <message>
      <location filename="engine/ops/min_pool.py" line="17" />
      <source>{op_name}() expects a NumPy array, but got {type_name}</source>
      <translation>{op_name}() 需要 NumPy 数组，但收到了 {type_name}</translation>
    </message>
    <message>
      <location filename="engine/ops/mixed_pool.py" line="23" />
      <source>{op_name}() mix must lie in [0, 1], but got {value}</source>
      <translation>{op_name}() 的 mix 必须位于 [0, 1] 内，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="40" />
      <source>{op_name}() levels must be a non-empty sequence of ints from 1 to {largest}, but got {value}</source>
      <translation>{op_name}() 的 levels 必须是由 1 到 {largest} 的整数组成的非空序列，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="53" />
      <source>{op_name}() mode must be 'max' or 'avg', got {value}</source>
      <translation>{op_name}() 的 mode 必须为 'max' 或 'avg'，收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="133" />
      <source>{bins} bins per channel (levels {levels})</source>
      <translation>每个通道 {bins} 个区块（层级 {levels}）</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="134" />
      <source>use fewer or smaller levels</source>
      <translation>使用更少或更小的层级</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="257" />
      <source>{count} bins</source>
      <translation>{count} 个区块</translation>
    </message>
    <message>
      <location filename="engine/ops/pyramid.py" line="34" />
      <source>{op_name}() levels must be a sequence of positive ints, but got {value}</source>
      <translation>{op_name}() 的 levels 必须是由正整数组成的序列，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/same_padding.py" line="73" />
      <source>{op_name}() kernel_size and stride must be positive, but got kernel_size={kernel}, stride={stride}</source>
      <translation>{op_name}() 的 kernel_size 和 stride 必须为正，但收到了 kernel_size={kernel}、stride={stride}</translation>
    </message>
    <message>
      <location filename="engine/ops/same_padding.py" line="96" />
      <source>a padded input of {size}</source>
      <translation>大小为 {size} 的填充后输入</translation>
    </message>
    <message>
      <location filename="engine/ops/same_padding.py" line="97" />
      <source>use a smaller kernel_size</source>
      <translation>使用更小的 kernel_size</translation>
    </message>
    <message>
      <location filename="engine/ops/scatter.py" line="52" />
      <source>{op_name}() indices must lie in [0, {cells}) (or be {none}), but got values from {lowest} to {highest}</source>
      <translation>{op_name}() 的 indices 必须位于 [0, {cells}) 内（或为 {none}），但收到的值从 {lowest} 到 {highest}</translation>
    </message>
    <message>
      <location filename="engine/ops/stochastic_pool.py" line="35" />
      <source>{op_name}() seed must be a non-negative int, but got {value}</source>
      <translation>{op_name}() 的 seed 必须是非负整数，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/stochastic_pool.py" line="258" />
      <source>{op_name}() indices must lie in [0, {cells}), but got values from {lowest} to {highest}</source>
      <translation>{op_name}() 的 indices 必须位于 [0, {cells}) 内，但收到的值从 {lowest} 到 {highest}</translation>
    </message>
    <message>
      <location filename="engine/ops/stochastic_pool.py" line="272" />
      <source>{op_name}() indices must each name a cell of their own window (kernel_size={kernel}, stride={stride})</source>
      <translation>{op_name}() 的每个 indices 都必须指向其所属窗口中的一个单元（kernel_size={kernel}，stride={stride}）</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="73" />
      <source>{op_name}() calculated output size {output} is too small</source>
      <translation>{op_name}() 算出的输出大小 {output} 太小</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="91" />
      <source>{op_name}() output_size must be a sequence of ints, but got {value}</source>
      <translation>{op_name}() 的 output_size 必须是整数序列，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="144" />
      <source>{op_name}() kernel_size and stride must be positive and padding non-negative, but got kernel_size={kernel}, stride={stride}, padding={padding}</source>
      <translation>{op_name}() 的 kernel_size 和 stride 必须为正、padding 必须非负，但收到了 kernel_size={kernel}、stride={stride}、padding={padding}</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="161" />
      <source>use a smaller kernel_size, stride or output_size</source>
      <translation>使用更小的 kernel_size、stride 或 output_size</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="166" />
      <source>{op_name}() found an invalid max index {index} (output plane of size {output} holds {cells} cells)</source>
      <translation>{op_name}() 发现无效的最大值索引 {index}（大小为 {output} 的输出平面只有 {cells} 个单元）</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="53" />
      <source>{op_name}() output_size should have {count} or {batched} elements, but got {value}</source>
      <translation>{op_name}() 的 output_size 应有 {count} 或 {batched} 个元素，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/unpool.py" line="63" />
      <source>{op_name}() invalid output_size {value} (dim {axis} must be between {lowest} and {highest}, exclusive)</source>
      <translation>{op_name}() 的 output_size {value} 无效（第 {axis} 维必须介于 {lowest} 和 {highest} 之间，不含两端）</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="85" />
      <source>{op_name}() expects a numeric array (bool, integer or float), but got dtype {dtype} with shape {shape}</source>
      <translation>{op_name}() 需要数值数组（布尔、整数或浮点），但收到了 dtype 为 {dtype}、形状为 {shape} 的数组</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="94" />
      <source>{op_name}() expects a {unbatched}D or {batched}D input shaped {unbatched_shape} or {batched_shape}, but got shape {shape}</source>
      <translation>{op_name}() 需要形状为 {unbatched_shape} 或 {batched_shape} 的 {unbatched}D 或 {batched}D 输入，但收到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="105" />
      <source>{op_name}() expects a non-empty input, but got shape {shape}</source>
      <translation>{op_name}() 需要非空输入，但收到的形状为 {shape}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="339" />
      <source>{op_name}() padding must be non-negative, but got padding={padding}</source>
      <translation>{op_name}() 的 padding 必须非负，但收到了 padding={padding}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="345" />
      <source>{op_name}() padding should be at most half of kernel size, but got padding={padding} and kernel_size={kernel}</source>
      <translation>{op_name}() 的 padding 最多只能为核大小的一半，但收到了 padding={padding} 和 kernel_size={kernel}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="359" />
      <source>{op_name}() given input of shape {shape} with kernel_size={kernel}, stride={stride}, padding={padding}, dilation={dilation}: calculated output size {output} is too small (the dilated window d*(k-1)+1 is larger than the padded input)</source>
      <translation>{op_name}() 在输入形状 {shape}、kernel_size={kernel}、stride={stride}、padding={padding}、dilation={dilation} 下：算出的输出大小 {output} 太小（膨胀窗口 d*(k-1)+1 大于填充后的输入）</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="396" />
      <source>{op_name}() output_size must be given</source>
      <translation>{op_name}() 必须给出 output_size</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="330" />
      <source>{op_name}() {name} must be greater than zero, but got {name}={values} for input of shape {shape}</source>
      <translation>{op_name}() 的 {name} 必须大于零，但对形状为 {shape} 的输入收到了 {name}={values}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="415" />
      <source>{op_name}() output_size must have {count} entries, but got {value}</source>
      <translation>{op_name}() 的 output_size 必须有 {count} 项，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="428" />
      <source>{op_name}() output_size must be ints from 1 to {largest} (or None), but got {value} for input of shape {shape}</source>
      <translation>{op_name}() 的 output_size 必须是 1 到 {largest} 之间的整数（或 None），但对形状为 {shape} 的输入收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/ops/windows.py" line="407" />
      <source>{op_name}() output_size must be an int or a tuple, but got {value}</source>
      <translation>{op_name}() 的 output_size 必须是整数或元组，但收到了 {value}</translation>
    </message>
    <message>
      <location filename="engine/pooling/display.py" line="12" />
      <source>All channels</source>
      <translation>全部通道</translation>
    </message>
    <message>
      <location filename="engine/pooling/display.py" line="13" />
      <source>Grayscale (luminance)</source>
      <translation>灰度（亮度）</translation>
    </message>
    <message>
      <location filename="engine/pooling/display.py" line="14" />
      <source>Red</source>
      <translation>红</translation>
    </message>
    <message>
      <location filename="engine/pooling/display.py" line="15" />
      <source>Green</source>
      <translation>绿</translation>
    </message>
    <message>
      <location filename="engine/pooling/display.py" line="16" />
      <source>Blue</source>
      <translation>蓝</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="357" />
      <source>{framework} is an inference format: it has no backward pass</source>
      <translation>{framework} 是推理格式：没有反向传播</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="429" />
      <source>top {top}, bottom {bottom}, left {left}, right {right}</source>
      <translation>上 {top}，下 {bottom}，左 {left}，右 {right}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="587" />
      <source>{framework} has no divisor_override: divisor_override={value} dropped</source>
      <translation>{framework} 没有 divisor_override：已舍弃 divisor_override={value}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="139" />
      <source>jax pads cannot be used with 'same' padding, which works out the pads itself, but got pads={pads}</source>
      <translation>jax 的 pads 不能与 'same' 填充同时使用（'same' 会自行算出填充量），但收到了 pads={pads}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="253" />
      <source>ceil mode keeps a last window that hangs over the edge, but drops one that would start in the right/bottom padding</source>
      <translation>向上取整模式会保留超出边缘的最后一个窗口，但丢弃起始于右侧/下侧填充中的窗口</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="257" />
      <source>autograd sends a tied maximum's gradient to the first maximum of the window (row-major)</source>
      <translation>autograd 将并列最大值的梯度送给窗口中的第一个最大值（按行优先顺序）</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="261" />
      <source>(none: pad with F.pad first)</source>
      <translation>（无：请先用 F.pad 填充）</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="276" />
      <source>no ceil mode: the output size is rounded down ('valid') or ceil(L/s) ('same')</source>
      <translation>无向上取整模式：输出大小向下取整（'valid'）或为 ceil(L/s)（'same'）</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="277" />
      <source>TensorFlow's MaxPoolGrad sends a tied maximum's gradient to the first maximum of the window (a NaN in its first cell keeps it); Keras on JAX follows JAX</source>
      <translation>TensorFlow 的 MaxPoolGrad 将并列最大值的梯度送给窗口中的第一个最大值（第一个单元为 NaN 时由它获得）；以 JAX 为后端的 Keras 与 JAX 相同</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="297" />
      <source>no ceil mode: a longer output needs more padding at the end ((low, high) pairs)</source>
      <translation>无向上取整模式：要得到更长的输出，需在末尾增加填充（(low, high) 对）</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="300" />
      <source>jax.grad of lax.reduce_window(max) (XLA's select_and_scatter) sends a tied maximum's gradient to the first maximum of the window; a -inf maximum behind padding sends nothing</source>
      <translation>lax.reduce_window(max) 的 jax.grad（XLA 的 select_and_scatter）将并列最大值的梯度送给窗口中的第一个最大值；填充后面的 -inf 最大值不传出任何梯度</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="321" />
      <source>ceil mode keeps a last window that hangs over the edge and, as onnxruntime computes it, drops one that would start in the end padding</source>
      <translation>向上取整模式会保留超出边缘的最后一个窗口，并且按 onnxruntime 的计算方式，丢弃起始于末端填充中的窗口</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="325" />
      <source>no gradient: ONNX is an inference format</source>
      <translation>无梯度：ONNX 是推理格式</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="428" />
      <source>start {start}, end {end}</source>
      <translation>开头 {start}，末尾 {end}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="580" />
      <source>{framework} has no dilation: dilation={value} dropped</source>
      <translation>{framework} 没有膨胀（空洞）：已舍弃 dilation={value}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="584" />
      <source>{framework} has no ceil_mode: ceil_mode={value} dropped</source>
      <translation>{framework} 没有 ceil_mode：已舍弃 ceil_mode={value}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="348" />
      <source>Unknown framework '{name}': choose one of {names}.</source>
      <translation>未知框架“{name}”：请从 {names} 中选择一个。</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="398" />
      <source>{framework}: {message}</source>
      <translation>{framework}：{message}</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="569" />
      <source>{framework} always divides by the real cells: count_include_pad dropped</source>
      <translation>{framework} 总是除以真实单元数：已舍弃 count_include_pad</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="530" />
      <source>{framework} pads both sides alike: shown with padding=({top}, {left}); for {sides} pad with F.pad(x, ({left}, {right}, {top}, {bottom})) first</source>
      <translation>{framework} 两侧填充相同：按 padding=({top}, {left}) 显示；如需按“{sides}”填充，请先用 F.pad(x, ({left}, {right}, {top}, {bottom})) 处理</translation>
    </message>
    <message>
      <location filename="engine/pooling/frameworks.py" line="544" />
      <source>{framework} cannot pad explicitly (padding is 'valid' or 'same'): shown with padding='same' instead of {sides}</source>
      <translation>{framework} 无法显式指定填充（padding 只能为 'valid' 或 'same'）：按 padding='same' 显示，而不是“{sides}”</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="103" />
      <source>3 x 3, not ceil((5 + 2 - 2) / 2) + 1 = 4: a 4th window would start at column 5, in the right padding, so it is dropped</source>
      <translation>3 x 3，而不是 ceil((5 + 2 - 2) / 2) + 1 = 4：第 4 个窗口会起始于第 5 列，位于右侧填充中，因此被丢弃</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="123" />
      <source>Refused: padding 3 &gt; 4 // 2 = 2</source>
      <translation>被拒绝：填充 3 &gt; 4 // 2 = 2</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="140" />
      <source>Refused: padding 2 &gt; 3 // 2 = 1, though the dilated window is 2 * (3 - 1) + 1 = 5 cells wide</source>
      <translation>被拒绝：填充 2 &gt; 3 // 2 = 1，尽管膨胀窗口宽 2 * (3 - 1) + 1 = 5 个单元</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="160" />
      <source>out[0,2] = (4 + 8) / 6 = 2.0: 3 rows x 2 columns (input and padding) count, the column past the padding does not; not 12 / 9</source>
      <translation>out[0,2] = (4 + 8) / 6 = 2.0：计入 3 行 x 2 列（输入与填充），填充之外的那一列不计入；不是 12 / 9</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="180" />
      <source>out[1,1] = 8 / 1 = 8.0, not 8 / 4 = 2.0 as Core ML gave</source>
      <translation>out[1,1] = 8 / 1 = 8.0，而不是 Core ML 给出的 8 / 4 = 2.0</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="202" />
      <source>out[0,0] = (1 + 2 + 4 + 5) / 4 = 3.0 in ONNX, (1 + 2 + 4 + 5) / 9 = 1.33 in PyTorch</source>
      <translation>out[0,0] 在 ONNX 中为 (1 + 2 + 4 + 5) / 4 = 3.0，在 PyTorch 中为 (1 + 2 + 4 + 5) / 9 = 1.33</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="231" />
      <source>out[3,0] = 1 / 4 = 0.25 (4 real cells), not 1 / 9 as with zero padding (PyTorch padding=1)</source>
      <translation>out[3,0] = 1 / 4 = 0.25（4 个真实单元），而不是零填充时的 1 / 9（PyTorch padding=1）</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="256" />
      <source>out[1,1] = 9 / 1 = 9.0; PyTorch's padding=1 on every side gives (5 + 6 + 8 + 9) / 4 = 7.0</source>
      <translation>out[1,1] = 9 / 1 = 9.0；PyTorch 在每一侧 padding=1 时得到 (5 + 6 + 8 + 9) / 4 = 7.0</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="276" />
      <source>out[0,0] = nan, not max(1, 5, 6) = 6; its gradient goes to the NaN cell</source>
      <translation>out[0,0] = nan，而不是 max(1, 5, 6) = 6；其梯度流向 NaN 所在单元</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="293" />
      <source>gradient [1, 0, 0]: all of it to the first 0.6; a shared rule (reduce_max, torch.amax) gives [0.5, 0.5, 0]</source>
      <translation>梯度 [1, 0, 0]：全部给第一个 0.6；平分规则（reduce_max、torch.amax）给出 [0.5, 0.5, 0]</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="314" />
      <source>gradient [1, 1, 0]: both 0.6s get 1, so the window passes back 2, not 1</source>
      <translation>梯度 [1, 1, 0]：两个 0.6 都得到 1，因此窗口回传 2，而不是 1</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="331" />
      <source>5 x 5 and its 4 x 4 corner both pool to [[7, 9], [17, 19]]; max_unpool2d without output_size=(5, 5) rebuilds 4 x 4 and fails on index 18</source>
      <translation>5 x 5 及其 4 x 4 的角部都池化为 [[7, 9], [17, 19]]；不带 output_size=(5, 5) 的 max_unpool2d 会重建为 4 x 4，并在索引 18 处出错</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="351" />
      <source>5 -&gt; 3 uses windows [0, 2), [1, 4), [3, 5): rows and columns 1 and 3 are in two windows, and out[1,1] averages 3 x 3 cells</source>
      <translation>5 -&gt; 3 使用窗口 [0, 2)、[1, 4)、[3, 5)：第 1 和第 3 行、列各属于两个窗口，out[1,1] 对 3 x 3 个单元求平均</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="372" />
      <source>out[0,0] = -inf: both taps, -1 and 2, are padding; PyTorch 2.13 gives index 6 of a 4-cell input</source>
      <translation>out[0,0] = -inf：两个采样位置 -1 和 2 都在填充中；PyTorch 2.13 给出的索引为 6，而输入只有 4 个单元</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="392" />
      <source>out[0,0] = (1 + 1 + 1 + 1) / 2 = 2.0, not 1.0</source>
      <translation>out[0,0] = (1 + 1 + 1 + 1) / 2 = 2.0，而不是 1.0</translation>
    </message>
    <message>
      <location filename="engine/pooling/gotchas.py" line="414" />
      <source>out[0,0] = 1: the first window is 3 padding cells and cell 1; SAME_UPPER gives max(1, 2, 4, 5) = 5</source>
      <translation>out[0,0] = 1：第一个窗口由 3 个填充单元和单元 1 组成；SAME_UPPER 得到 max(1, 2, 4, 5) = 5</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/__init__.py" line="28" />
      <source>Unknown pooling type '{name}': choose one of {names}.</source>
      <translation>未知的池化类型“{name}”：请从 {names} 中选择。</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="245" />
      <source>Lin, Chen and Yan 2014</source>
      <translation>Lin、Chen 与 Yan 2014</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="260" />
      <source>Lin, Chen and Yan 2014, Network in Network</source>
      <translation>Lin、Chen 与 Yan 2014，《Network in Network》（网络中的网络）</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="277" />
      <source>Zeiler and Fergus 2013</source>
      <translation>Zeiler 与 Fergus 2013</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="293" />
      <source>Yu et al. 2014</source>
      <translation>Yu 等 2014</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="308" />
      <source>Stergiou et al. 2021</source>
      <translation>Stergiou 等 2021</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="325" />
      <source>Zhang 2019</source>
      <translation>Zhang 2019</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/extra.py" line="340" />
      <source>He et al. 2014</source>
      <translation>He 等 2014</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/pytorch.py" line="482" />
      <source>torch.nn.LPPool2d; Sermanet et al. 2012</source>
      <translation>torch.nn.LPPool2d；Sermanet 等 2012</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/pytorch.py" line="555" />
      <source>torch.nn.FractionalMaxPool2d; Graham 2014</source>
      <translation>torch.nn.FractionalMaxPool2d；Graham 2014</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="27" />
      <source>maximum</source>
      <translation>最大值</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="28" />
      <source>minimum</source>
      <translation>最小值</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="29" />
      <source>average</source>
      <translation>平均值</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="30" />
      <source>power average</source>
      <translation>幂平均</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="31" />
      <source>softmax-weighted average</source>
      <translation>softmax 加权平均</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="32" />
      <source>random pick</source>
      <translation>随机选取</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="33" />
      <source>mix of maximum and average</source>
      <translation>最大值与平均值的混合</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="34" />
      <source>blurred maximum</source>
      <translation>模糊后的最大值</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="134" />
      <source>max({values}) = </source>
      <translation>max({values}) = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="148" />
      <source>min({values}) = </source>
      <translation>min({values}) = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="166" />
      <source>sum({values}) = {total}; divisor {divisor}; {total} / {divisor} = </source>
      <translation>sum({values}) = {total}；除数 {divisor}；{total} / {divisor} = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="190" />
      <source>(sum of x^{power} over ({values}) x {window} / {count} cells)^(1/{power}) = </source>
      <translation>(({values}) 的 x^{power} 之和 x {window} / {count} 个单元)^(1/{power}) = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="202" />
      <source>sum(e^x · x) / sum(e^x) over ({values}) = </source>
      <translation>对 ({values})：sum(e^x · x) / sum(e^x) = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="216" />
      <source>sum(x²) / sum(x) over the positive values of ({values}) = </source>
      <translation>对 ({values}) 中的正值：sum(x²) / sum(x) = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="224" />
      <source>{mix} x max + (1 - {mix}) x average of ({values}) = </source>
      <translation>对 ({values})：{mix} x 最大值 + (1 - {mix}) x 平均值 = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="229" />
      <source> (the maximum is {top})</source>
      <translation>（最大值为 {top}）</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="245" />
      <source>the {filter} blur, along rows and columns, of the {taps}x{taps} maxima of {kernel_height}x{kernel_width} windows at stride 1 (reflected at the edges) over ({values}) = </source>
      <translation>对 ({values})：以步幅 1 取 {kernel_height}x{kernel_width} 窗口的最大值（边缘处镜像反射），再沿行和列对其中 {taps}x{taps} 个最大值做 {filter} 模糊 = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="128" />
      <source>max({values}) (+{count} padding cells at -inf) = </source>
      <translation>max({values})（另有 {count} 个值为 -inf 的填充单元）= </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="142" />
      <source>min({values}) (+{count} padding cells at +inf) = </source>
      <translation>min({values})（另有 {count} 个值为 +inf 的填充单元）= </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="154" />
      <source>the mean of ({values}) = </source>
      <translation>({values}) 的平均值 = </translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="159" />
      <source>no real cell to divide by (sum({values}) = {total}, divisor 0): </source>
      <translation>没有可用作除数的真实单元（sum({values}) = {total}，除数为 0）：</translation>
    </message>
    <message>
      <location filename="engine/pooling/kinds/reductions.py" line="210" />
      <source>picked from ({values}) with probability x / sum(x) of the positive values: </source>
      <translation>从 ({values}) 中按正值的概率 x / sum(x) 选取：</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="365" />
      <source>{name}_out = {out} (adaptive): window i spans [floor(i*{size}/{out}), ceil((i+1)*{size}/{out}))</source>
      <translation>{name}_out = {out}（自适应）：窗口 i 覆盖 [floor(i*{size}/{out}), ceil((i+1)*{size}/{out}))</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="80" />
      <source>{line} - 1 = {out} (the last window would start at {start}, in the end padding, so it is dropped)</source>
      <translation>{line} - 1 = {out}（最后一个窗口将从 {start} 开始，落在末端填充中，因此被舍弃）</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="88" />
      <source>{line} (floor mode gives {count}: the last window hangs over)</source>
      <translation>{line}（向下取整时为 {count}：最后一个窗口越出边缘）</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="122" />
      <source>This pooling has no 3D form.</source>
      <translation>这种池化没有三维形式。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="127" />
      <source>D_out = {count} (depth: {depth} slices in)</source>
      <translation>D_out = {count}（深度：输入 {depth} 个切片）</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="210" />
      <source>{shape_in} (C x H x W) = {elements_in} elements in, {shape_out} = {elements_out} out: {ratio}x fewer</source>
      <translation>{shape_in} (C x H x W) = 输入 {elements_in} 个元素，{shape_out} = 输出 {elements_out} 个：减少到 1/{ratio}</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="460" />
      <source>{name}_out = {out} (fractional): windows of {kernel} start at int((i + u)a) - int(ua), a = ({name} - k)/({name}_out - 1) = ({size} - {kernel})/({out} - 1) = {alpha}, u = {sample} (seed {seed}); the last at {name} - k = {last}</source>
      <translation>{name}_out = {out}（分数）：大小为 {kernel} 的窗口起点为 int((i + u)a) - int(ua)，a = ({name} - k)/({name}_out - 1) = ({size} - {kernel})/({out} - 1) = {alpha}，u = {sample}（种子 {seed}）；最后一个窗口起点为 {name} - k = {last}</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="544" />
      <source>{name}_out = ceil(({name} - k + 1)/s) = ceil(({size} - {kernel} + 1)/{stride}) = {out}: max with stride 1, then a {taps}-tap blur every {stride} cells</source>
      <translation>{name}_out = ceil(({name} - k + 1)/s) = ceil(({size} - {kernel} + 1)/{stride}) = {out}：先以步幅 1 取最大值，再每隔 {stride} 个单元做一次 {taps} 抽头模糊</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="203" />
      <source>{shape_in} (C x L) = {elements_in} elements in, {shape_out} = {elements_out} out: {ratio}x fewer</source>
      <translation>{shape_in} (C x L) = 输入 {elements_in} 个元素，{shape_out} = 输出 {elements_out} 个：减少到 1/{ratio}</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="291" />
      <source>Depth padding {padding} is too large for depth kernel {kernel}: padding may be at most half the kernel ({half}).</source>
      <translation>深度填充 {padding} 对深度核大小 {kernel} 来说过大：填充最多只能为核大小的一半（{half}）。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="300" />
      <source>The window is {span} slices deep (depth kernel {kernel}, dilation {dilation}) but the volume has only {depth} + 2x{padding} padding: make the depth kernel smaller, or add depth padding.</source>
      <translation>窗口深 {span} 个切片（深度核大小 {kernel}，膨胀 {dilation}），但体数据只有 {depth} + 2x{padding} 填充：请减小深度核大小，或增加深度填充。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="348" />
      <source>{name}_out = ceil({name}/s) = ceil({size}/{stride}) = {out}; {same} pads max((out-1)s + k - {name}, 0) = {total}: {low} before, {high} after</source>
      <translation>{name}_out = ceil({name}/s) = ceil({size}/{stride}) = {out}；{same} 填充 max((out-1)s + k - {name}, 0) = {total} 个单元：前 {low} 个，后 {high} 个</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="477" />
      <source>Output depth {output} with depth kernel {kernel} needs more than {needed} slices (output + kernel - 1), but the volume has {depth}: make the output depth or the depth kernel smaller.</source>
      <translation>输出深度 {output} 配合深度核大小 {kernel} 需要多于 {needed} 个切片（输出 + 核大小 - 1），但体数据只有 {depth} 个：请减小输出深度或深度核大小。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="654" />
      <source>{bins} bins = {total} values per channel, whatever the input size</source>
      <translation>{bins} 个区块 = 每个通道 {total} 个值，与输入大小无关</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="659" />
      <source>{shape_in} (C x H x W) = {elements_in} elements in, {shape_out} = {elements_out} out</source>
      <translation>{shape_in} (C x H x W) = 输入 {elements_in} 个元素，{shape_out} = 输出 {elements_out} 个</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="243" />
      <source>Padding {axis} {padding} is too large for kernel {axis} {kernel}: padding may be at most half the kernel ({half}), or windows would hold mostly padding.</source>
      <translation>{axis}方向的填充 {padding} 对{axis}方向的核大小 {kernel} 来说过大：填充最多只能为核大小的一半（{half}），否则窗口中大部分都是填充。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="274" />
      <source>The window is {span} cells wide ({window}) but the input is only {size} + 2x{padding} padding = {padded}: make the kernel or dilation smaller, or add padding.</source>
      <translation>窗口宽 {span} 个单元（{window}），但输入只有 {size} + 2x{padding} 填充 = {padded}：请减小核大小或膨胀（空洞），或增加填充。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="441" />
      <source>Output {axis} {output} with kernel {axis} {kernel} needs at least {needed} input cells (output + kernel - 1), but the input's {axis} is {size}: make the output or the kernel smaller.</source>
      <translation>输出{axis} {output} 配合核{axis} {kernel} 至少需要 {needed} 个输入单元（输出 + 核大小 - 1），但输入的{axis}只有 {size}：请减小输出或核大小。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="508" />
      <source>L_out = 1: one value per channel, whatever the input size</source>
      <translation>L_out = 1：每个通道一个值，与输入大小无关</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="510" />
      <source>H_out = W_out = 1: one value per channel, whatever the input size</source>
      <translation>H_out = W_out = 1：每个通道一个值，与输入大小无关</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="533" />
      <source>The kernel {axis} {kernel} is larger than the input's {axis} {size}: BlurPool does not pad, so make the kernel smaller.</source>
      <translation>核{axis} {kernel} 大于输入的{axis} {size}：BlurPool 不做填充，因此请减小核大小。</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="256" />
      <source>kernel {kernel}, dilation {dilation}</source>
      <translation>核大小 {kernel}，膨胀 {dilation}</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="258" />
      <source>kernel {kernel}</source>
      <translation>核大小 {kernel}</translation>
    </message>
    <message>
      <location filename="engine/pooling/layouts.py" line="268" />
      <source>The window is {span} cells tall ({window}) but the input is only {size} + 2x{padding} padding = {padded}: make the kernel or dilation smaller, or add padding.</source>
      <translation>窗口高 {span} 个单元（{window}），但输入只有 {size} + 2x{padding} 填充 = {padded}：请减小核大小或膨胀（空洞），或增加填充。</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="111" />
      <source>{label} pooling has no 3D form: a volume is pooled by max, average, Lp, adaptive and fractional max pooling.</source>
      <translation>{label}没有三维形式：体数据可用最大池化、平均池化、Lp 池化、自适应池化和分数最大池化。</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="117" />
      <source>3D pooling follows PyTorch (max_pool3d, avg_pool3d, ...): choose the PyTorch framework for a volume.</source>
      <translation>三维池化遵循 PyTorch 的规则 (max_pool3d, avg_pool3d, ...)：处理体数据请选择 PyTorch 框架。</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="259" />
      <source>{shape_in} (C x D x H x W) = {elements_in} elements in, {shape_out} = {elements_out} out: {ratio}x fewer</source>
      <translation>{shape_in} (C x D x H x W) = 输入 {elements_in} 个元素，{shape_out} = 输出 {elements_out} 个：减少到 1/{ratio}</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="70" />
      <source>{label} must be whole numbers from {low} to {high}, like 4,2,1.</source>
      <translation>{label}必须是 {low} 到 {high} 之间的整数，例如 4,2,1。</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="87" />
      <source>{label} must be between {low} and {high}, not {number}.</source>
      <translation>{label}必须在 {low} 到 {high} 之间，当前为 {number}。</translation>
    </message>
    <message>
      <location filename="engine/pooling/pipeline.py" line="81" />
      <source>{label} {axis} must be between {low} and {high}, not {number}.</source>
      <translation>{label}的{axis}必须在 {low} 到 {high} 之间，当前为 {number}。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Max</source>
      <translation>最大池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>The largest value of each window; padding is -inf, ties go to the first maximum.</source>
      <translation>取每个窗口中的最大值；填充值为 -inf，出现并列时取第一个最大值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Average</source>
      <translation>平均池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>The mean of each window; padding is 0 and counts in the divisor by default (PyTorch, Flax; not ONNX, never Keras).</source>
      <translation>取每个窗口的平均值；填充值为 0，默认计入除数（PyTorch、Flax 如此；ONNX 默认不计入，Keras 从不计入）。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Lp (power average)</source>
      <translation>Lp 池化（幂平均）</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>(sum of x^p over the window)^(1/p): p = 1 sums, large p approaches the maximum.</source>
      <translation>(窗口内 x^p 之和)^(1/p)：p = 1 时为求和，p 很大时趋近最大值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Adaptive max</source>
      <translation>自适应最大池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>A fixed output size; each window, sized from the input, gives its maximum.</source>
      <translation>输出大小固定；每个窗口的大小由输入决定，取窗口的最大值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Adaptive average</source>
      <translation>自适应平均池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>A fixed output size; each window, sized from the input, gives its mean.</source>
      <translation>输出大小固定；每个窗口的大小由输入决定，取窗口的平均值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Fractional max</source>
      <translation>分数最大池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Max over windows of the kernel's size whose starts step by 1 or 2 cells in a seeded pseudo-random sequence, for any output size.</source>
      <translation>在与核大小相同的窗口上取最大值，窗口起点按带种子的伪随机序列每次前进 1 或 2 个单元，可得到任意输出大小。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Min</source>
      <translation>最小池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>The smallest value of each window, -max(-x); used on inverted feature maps.</source>
      <translation>取每个窗口中的最小值，即 -max(-x)；用于取反后的特征图。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Global max</source>
      <translation>全局最大池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>One value per channel: its maximum, whatever the input size.</source>
      <translation>每个通道一个值：该通道的最大值，与输入大小无关。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Global average</source>
      <translation>全局平均池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>One value per channel: its mean, whatever the input size.</source>
      <translation>每个通道一个值：该通道的平均值，与输入大小无关。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Stochastic</source>
      <translation>随机池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Each window picks one cell at random, with probability proportional to its (positive) value; at inference, the probability-weighted average.</source>
      <translation>每个窗口随机选取一个单元，选中概率与其（正）值成正比；推理时取按概率加权的平均值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Mixed (max and average)</source>
      <translation>混合池化（最大与平均）</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>lambda * max + (1 - lambda) * average over the same windows.</source>
      <translation>在相同的窗口上计算 lambda * 最大值 + (1 - lambda) * 平均值。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>SoftPool</source>
      <translation>SoftPool</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>The softmax-weighted average of each window: between average and max.</source>
      <translation>每个窗口按 softmax 加权的平均值：介于平均池化与最大池化之间。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>BlurPool (anti-aliased max)</source>
      <translation>BlurPool（抗混叠最大池化）</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Max with stride 1, then a binomial blur evaluated every stride cells: less aliasing when the input shifts.</source>
      <translation>先以步幅 1 取最大值，再每隔“步幅”个单元计算一次二项式模糊：输入平移时混叠更少。</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Spatial pyramid</source>
      <translation>空间金字塔池化</translation>
    </message>
    <message>
      <location filename="kinds" />
      <source>Max over l x l bins for every level l, concatenated: a fixed-length vector whatever the input size.</source>
      <translation>对每一级 l 在 l x l 个区块上取最大值并拼接：无论输入大小如何，都得到固定长度的向量。</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Framework</source>
      <translation>框架</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Whose rules max and average pooling follow: PyTorch, TensorFlow/Keras, JAX/Flax or ONNX. Padding, the average's divisor, ceil mode and the defaults differ between them (View &gt; Frameworks shows all four side by side)</source>
      <translation>最大池化和平均池化遵循哪个框架的规则：PyTorch、TensorFlow/Keras、JAX/Flax 或 ONNX。它们在填充、平均池化的除数、向上取整模式和默认值上各不相同（视图 &gt; 框架 可并排查看四者）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>PyTorch</source>
      <translation>PyTorch</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>TensorFlow / Keras</source>
      <translation>TensorFlow / Keras</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>JAX / Flax</source>
      <translation>JAX / Flax</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>ONNX</source>
      <translation>ONNX</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Kernel</source>
      <translation>核大小</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Window size in cells (height, width)</source>
      <translation>池化窗口的大小，以单元计（高、宽）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Stride</source>
      <translation>步幅</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Step between windows (height, width); equal to the kernel, windows tile</source>
      <translation>相邻窗口之间移动的单元数（高、宽）；等于核大小时，窗口恰好铺满、互不重叠</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Cells added on both sides of the input, at most half the kernel (-inf for max, zeros for average)</source>
      <translation>在输入两侧添加的单元数，最多为核大小的一半（最大池化填 -inf，平均池化填 0）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Dilation</source>
      <translation>膨胀（空洞）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Spacing between the cells of a window: 1 is a solid window, 2 skips every other cell</source>
      <translation>窗口内单元之间的间距：1 为连续窗口，2 表示每隔一个单元取一个</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Round the output size up: keep a last window that hangs over the edge</source>
      <translation>将输出大小向上取整：保留最后一个越出边缘的窗口</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>'same' padding</source>
      <translation>'same' 填充</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>The framework's padding='same': ceil(L/s) outputs whatever the kernel, the padding split with the odd extra cell at the bottom/right (Keras averages over the real cells only)</source>
      <translation>框架的 padding='same'：无论核大小如何，输出均为 ceil(L/s) 个，填充分到两侧，多出的奇数单元放在下方/右侧（Keras 只对真实单元求平均）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>auto_pad</source>
      <translation>auto_pad</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>ONNX's automatic padding: NOTSET uses the pads below; SAME_UPPER and SAME_LOWER give ceil(L/s) outputs with the odd extra padding cell at the end or at the start; VALID pads nothing</source>
      <translation>ONNX 的自动填充：NOTSET 使用下方的四边填充；SAME_UPPER 和 SAME_LOWER 输出 ceil(L/s) 个，多出的奇数填充单元分别放在末尾或开头；VALID 不填充</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>NOTSET (use pads)</source>
      <translation>NOTSET（使用四边填充）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>SAME_UPPER</source>
      <translation>SAME_UPPER</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>SAME_LOWER</source>
      <translation>SAME_LOWER</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>VALID</source>
      <translation>VALID</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Pads</source>
      <translation>四边填充</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Padding cells on each side, top, left, bottom and right: JAX and ONNX may pad unevenly (-inf for max, zeros for average)</source>
      <translation>上、左、下、右各边的填充单元数：JAX 和 ONNX 允许不对称填充（最大池化填 -inf，平均池化填 0）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>count padding</source>
      <translation>计入填充</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Average: divide by the whole window including padding (count_include_pad=True, PyTorch's and Flax's default) or by the real cells only (ONNX's default)</source>
      <translation>平均池化：除以包括填充在内的整个窗口大小（count_include_pad=True，PyTorch 和 Flax 的默认值），或只除以真实单元数（ONNX 的默认值）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Divisor override</source>
      <translation>固定除数</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Average: divide every window sum by this fixed number instead (divisor_override)</source>
      <translation>平均池化：改为用这个固定数去除每个窗口的和（divisor_override）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Power p</source>
      <translation>幂次 p</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Lp pooling power p: 1 sums the window, large p approaches the maximum</source>
      <translation>Lp 池化的幂次 p：为 1 时对窗口求和，p 很大时趋近最大值</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Output size</source>
      <translation>输出大小</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Adaptive pooling: the output size (height, width) whatever the input size</source>
      <translation>自适应池化：输出大小（高、宽），与输入大小无关</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Mix lambda</source>
      <translation>混合系数 lambda</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Mixed pooling: lambda * max + (1 - lambda) * average</source>
      <translation>混合池化：lambda * 最大值 + (1 - lambda) * 平均值</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Seed of the random draw: stochastic pooling's picks, fractional pooling's windows</source>
      <translation>随机抽取的种子：决定随机池化的选取和分数最大池化的窗口</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>inference (weighted average)</source>
      <translation>推理（加权平均）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Stochastic pooling at test time: the probability-weighted average instead of a random pick</source>
      <translation>测试时的随机池化：用按概率加权的平均值代替随机选取</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Blur taps</source>
      <translation>模糊抽头数</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>BlurPool: taps of the binomial low-pass filter applied before subsampling</source>
      <translation>BlurPool：下采样前所用二项式低通滤波器的抽头数</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Tie rule</source>
      <translation>并列规则</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Where the gradient of a window whose maximum is tied goes: autograd (PyTorch, JAX) sends it all to the first maximum; the textbook mask (window == max) sends it to every tied maximum</source>
      <translation>窗口的最大值出现并列时梯度的去向：autograd（PyTorch、JAX）把梯度全部传给第一个最大值；教科书中的掩码 (window == max) 则传给每个并列最大值</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>first maximum (autograd)</source>
      <translation>第一个最大值（autograd）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>every tied maximum (window == max)</source>
      <translation>每个并列最大值（window == max）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth kernel</source>
      <translation>深度核大小</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Window size along the depth of a volume (kernel_size[0] of the 3D pool)</source>
      <translation>沿体数据深度方向的窗口大小（三维池化的 kernel_size[0]）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth stride</source>
      <translation>深度步幅</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Step between windows along the depth (stride[0])</source>
      <translation>沿深度方向相邻窗口之间移动的切片数（stride[0]）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth padding</source>
      <translation>深度填充</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Slices added before and after the volume (padding[0]), at most half the depth kernel</source>
      <translation>在体数据前后添加的切片数（padding[0]），最多为深度核大小的一半</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Depth dilation</source>
      <translation>深度膨胀</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Spacing between the slices of a window (dilation[0])</source>
      <translation>窗口内切片之间的间距（dilation[0]）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Output depth</source>
      <translation>输出深度</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Adaptive and fractional pools: the number of output slices (output_size[0])</source>
      <translation>自适应池化与分数最大池化：输出的切片数（output_size[0]）</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Pyramid levels</source>
      <translation>金字塔层级</translation>
    </message>
    <message>
      <location filename="parameters" />
      <source>Spatial pyramid levels, e.g. 4,2,1 for 4x4, 2x2 and 1x1 bins</source>
      <translation>空间金字塔的层级，例如 4,2,1 表示 4x4、2x2 和 1x1 区块</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil mode drops a window</source>
      <translation>向上取整模式会舍弃窗口</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil_mode=True gives fewer windows than the ceil formula: 3 per axis here, not 4.
PyTorch drops a last window that would start in the right padding or past the input, so every window keeps an input cell.</source>
      <translation>ceil_mode=True 得到的窗口比向上取整公式算出的少：此处每个轴 3 个，而不是 4 个。
PyTorch 会舍弃从右侧填充中或输入之外开始的最后一个窗口，使每个窗口都至少包含一个输入单元。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil_mode=True gives fewer windows than the ceil formula: 3 per axis here, not 4.</source>
      <translation>ceil_mode=True 得到的窗口比向上取整公式算出的少：此处每个轴 3 个，而不是 4 个。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>PyTorch drops a last window that would start in the right padding or past the input, so every window keeps an input cell.</source>
      <translation>PyTorch 会舍弃从右侧填充中或输入之外开始的最后一个窗口，使每个窗口都至少包含一个输入单元。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>padding over half the kernel</source>
      <translation>填充超过核大小的一半</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(4, stride=4, padding=3) is refused: padding may be at most half the kernel.
Max pooling pads with -inf, which wide padding would leave in border outputs; the maintainers call it a limitation and suggest F.pad first.</source>
      <translation>MaxPool2d(4, stride=4, padding=3) 会被拒绝：填充最多只能为核大小的一半。
最大池化用 -inf 填充，过宽的填充会让 -inf 留在边界输出中；维护者称之为已知限制，并建议先用 F.pad 填充。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(4, stride=4, padding=3) is refused: padding may be at most half the kernel.</source>
      <translation>MaxPool2d(4, stride=4, padding=3) 会被拒绝：填充最多只能为核大小的一半。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling pads with -inf, which wide padding would leave in border outputs; the maintainers call it a limitation and suggest F.pad first.</source>
      <translation>最大池化用 -inf 填充，过宽的填充会让 -inf 留在边界输出中；维护者称之为已知限制，并建议先用 F.pad 填充。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>padding check ignores dilation</source>
      <translation>填充检查忽略膨胀</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(3, stride=1, padding=2, dilation=2) is refused, though Conv2d accepts the same numbers and keeps 5 x 5 at 5 x 5.
The check compares the padding with the kernel size (3), not with the 5 cells the dilated window spans; PyTorch 2.13 still refuses it.</source>
      <translation>MaxPool2d(3, stride=1, padding=2, dilation=2) 会被拒绝，而 Conv2d 接受同样的数值，并让 5 x 5 的输入保持 5 x 5。
该检查将填充与核大小（3）比较，而不是与膨胀窗口所跨越的 5 个单元比较；PyTorch 2.13 仍会拒绝它。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxPool2d(3, stride=1, padding=2, dilation=2) is refused, though Conv2d accepts the same numbers and keeps 5 x 5 at 5 x 5.</source>
      <translation>MaxPool2d(3, stride=1, padding=2, dilation=2) 会被拒绝，而 Conv2d 接受同样的数值，并让 5 x 5 的输入保持 5 x 5。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The check compares the padding with the kernel size (3), not with the 5 cells the dilated window spans; PyTorch 2.13 still refuses it.</source>
      <translation>该检查将填充与核大小（3）比较，而不是与膨胀窗口所跨越的 5 个单元比较；PyTorch 2.13 仍会拒绝它。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>average divisor in ceil mode</source>
      <translation>向上取整模式下的平均池化除数</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>With count_include_pad=True, a window that hangs past the padding is not divided by the kernel area.
PyTorch counts the padding cells but not the cells past them that ceil mode adds; ONNX Runtime and Core ML divided by the whole kernel.</source>
      <translation>当 count_include_pad=True 时，越过填充区的窗口并不除以核的面积。
PyTorch 计入填充单元，但不计入向上取整模式在填充之外补出的单元；ONNX Runtime 和 Core ML 则除以整个核的面积。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>With count_include_pad=True, a window that hangs past the padding is not divided by the kernel area.</source>
      <translation>当 count_include_pad=True 时，越过填充区的窗口并不除以核的面积。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>PyTorch counts the padding cells but not the cells past them that ceil mode adds; ONNX Runtime and Core ML divided by the whole kernel.</source>
      <translation>PyTorch 计入填充单元，但不计入向上取整模式在填充之外补出的单元；ONNX Runtime 和 Core ML 则除以整个核的面积。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ceil mode without padding</source>
      <translation>无填充时的向上取整模式</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Even with count_include_pad=True, the edge windows that ceil mode adds average only their real cells.
Without padding there is nothing to include: the overhang past the input never counts in PyTorch's divisor.</source>
      <translation>即使 count_include_pad=True，向上取整模式补出的边缘窗口也只对其真实单元求平均。
没有填充就没有可计入的东西：超出输入的部分从不计入 PyTorch 的除数。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Even with count_include_pad=True, the edge windows that ceil mode adds average only their real cells.</source>
      <translation>即使 count_include_pad=True，向上取整模式补出的边缘窗口也只对其真实单元求平均。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Without padding there is nothing to include: the overhang past the input never counts in PyTorch's divisor.</source>
      <translation>没有填充就没有可计入的东西：超出输入的部分从不计入 PyTorch 的除数。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX averages skip padding</source>
      <translation>ONNX 的平均池化不计填充</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The same average pooling gives other border values in ONNX than in PyTorch.
ONNX AveragePool's count_include_pad defaults to 0 (real cells only), PyTorch's to True; an exporter that drops the attribute changes the answer.</source>
      <translation>同一个平均池化在 ONNX 和 PyTorch 中得到的边界值不同。
ONNX AveragePool 的 count_include_pad 默认为 0（仅真实单元），PyTorch 默认为 True；导出器若丢掉这个属性，结果就会改变。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The same average pooling gives other border values in ONNX than in PyTorch.</source>
      <translation>同一个平均池化在 ONNX 和 PyTorch 中得到的边界值不同。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX AveragePool's count_include_pad defaults to 0 (real cells only), PyTorch's to True; an exporter that drops the attribute changes the answer.</source>
      <translation>ONNX AveragePool 的 count_include_pad 默认为 0（仅真实单元），PyTorch 默认为 True；导出器若丢掉这个属性，结果就会改变。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>'same' averages real cells only</source>
      <translation>'same' 只对真实单元求平均</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Average pooling with padding='same' differs from zero-padding the input and pooling with 'valid'.
TensorFlow and Keras divide each window by its real cells: the padding is left out of the average, not counted as zeros.</source>
      <translation>padding='same' 的平均池化不同于先对输入补零、再以 'valid' 池化。
TensorFlow 和 Keras 用每个窗口的真实单元数作除数：填充不参与平均，而不是按 0 计入。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Average pooling with padding='same' differs from zero-padding the input and pooling with 'valid'.</source>
      <translation>padding='same' 的平均池化不同于先对输入补零、再以 'valid' 池化。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>TensorFlow and Keras divide each window by its real cells: the padding is left out of the average, not counted as zeros.</source>
      <translation>TensorFlow 和 Keras 用每个窗口的真实单元数作除数：填充不参与平均，而不是按 0 计入。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>'same' pads bottom and right</source>
      <translation>'same' 填充在下方和右侧</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>A 3 x 3 input with pool 2, stride 2 and padding='same' gives 3, 4.5, 7.5 and 9: windows of 4, 2, 2 and 1 cells.
The one padding row and column go at the bottom and right, never split around the input, and the average counts real cells only.</source>
      <translation>3 x 3 的输入在池化大小 2、步幅 2、padding='same' 时得到 3, 4.5, 7.5 和 9：窗口分别含 4, 2, 2 和 1 个单元。
仅有的一行和一列填充放在下方和右侧，从不在输入两侧分摊，且平均值只计真实单元。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>A 3 x 3 input with pool 2, stride 2 and padding='same' gives 3, 4.5, 7.5 and 9: windows of 4, 2, 2 and 1 cells.</source>
      <translation>3 x 3 的输入在池化大小 2、步幅 2、padding='same' 时得到 3, 4.5, 7.5 和 9：窗口分别含 4, 2, 2 和 1 个单元。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The one padding row and column go at the bottom and right, never split around the input, and the average counts real cells only.</source>
      <translation>仅有的一行和一列填充放在下方和右侧，从不在输入两侧分摊，且平均值只计真实单元。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>a NaN wins max pooling</source>
      <translation>NaN 在最大池化中胜出</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>One NaN makes its whole window NaN, and the window's gradient goes to the NaN.
In 2018 max pooling skipped NaNs (and gave -FLT_MAX for all-NaN windows); since the fix it propagates them as torch.max does.</source>
      <translation>一个 NaN 会使其整个窗口的输出为 NaN，该窗口的梯度也流向这个 NaN。
2018 年时最大池化会跳过 NaN（全为 NaN 的窗口得到 -FLT_MAX）；修复后它像 torch.max 一样传播 NaN。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>One NaN makes its whole window NaN, and the window's gradient goes to the NaN.</source>
      <translation>一个 NaN 会使其整个窗口的输出为 NaN，该窗口的梯度也流向这个 NaN。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>In 2018 max pooling skipped NaNs (and gave -FLT_MAX for all-NaN windows); since the fix it propagates them as torch.max does.</source>
      <translation>2018 年时最大池化会跳过 NaN（全为 NaN 的窗口得到 -FLT_MAX）；修复后它像 torch.max 一样传播 NaN。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>tied maximum: the first wins</source>
      <translation>并列最大值：第一个胜出</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Of two equal maxima only the first gets the gradient; the other learns nothing.
Max pooling keeps the index of one maximum (PyTorch: the first), while reduce_max shares the gradient and Theano's CPU pool gave it to all.</source>
      <translation>两个相等的最大值中只有第一个得到梯度；另一个什么也学不到。
最大池化只保存一个最大值的索引（PyTorch 保存第一个），而 reduce_max 会平分梯度，Theano 的 CPU 池化则把梯度给所有最大值。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Of two equal maxima only the first gets the gradient; the other learns nothing.</source>
      <translation>两个相等的最大值中只有第一个得到梯度；另一个什么也学不到。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling keeps the index of one maximum (PyTorch: the first), while reduce_max shares the gradient and Theano's CPU pool gave it to all.</source>
      <translation>最大池化只保存一个最大值的索引（PyTorch 保存第一个），而 reduce_max 会平分梯度，Theano 的 CPU 池化则把梯度给所有最大值。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>tied maximum: all win</source>
      <translation>并列最大值：全部胜出</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The textbook backward, a mask of the cells equal to the maximum, gives each tied maximum the full gradient.
That was Theano's CPU behaviour: the window then passes back twice its output gradient, unlike PyTorch (first only) or reduce_max (shared).</source>
      <translation>教科书式的反向传播以等于最大值的单元作掩码，使每个并列最大值都得到完整的梯度。
这正是 Theano 在 CPU 上的行为：此时窗口回传的梯度是其输出梯度的两倍，不同于 PyTorch（仅第一个）或 reduce_max（平分）。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The textbook backward, a mask of the cells equal to the maximum, gives each tied maximum the full gradient.</source>
      <translation>教科书式的反向传播以等于最大值的单元作掩码，使每个并列最大值都得到完整的梯度。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>That was Theano's CPU behaviour: the window then passes back twice its output gradient, unlike PyTorch (first only) or reduce_max (shared).</source>
      <translation>这正是 Theano 在 CPU 上的行为：此时窗口回传的梯度是其输出梯度的两倍，不同于 PyTorch（仅第一个）或 reduce_max（平分）。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>unpooling needs output_size</source>
      <translation>反池化需要 output_size</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling maps several input sizes to one output size: 4 x 4 and 5 x 5 both give 2 x 2 here.
MaxUnpool2d cannot tell which one was pooled and assumes the smaller; pass output_size, as the maintainer advised.</source>
      <translation>最大池化会把多个输入大小映射到同一个输出大小：此处 4 x 4 和 5 x 5 都得到 2 x 2。
MaxUnpool2d 无法判断被池化的是哪一个，便假定为较小者；应按维护者的建议传入 output_size。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Max pooling maps several input sizes to one output size: 4 x 4 and 5 x 5 both give 2 x 2 here.</source>
      <translation>最大池化会把多个输入大小映射到同一个输出大小：此处 4 x 4 和 5 x 5 都得到 2 x 2。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>MaxUnpool2d cannot tell which one was pooled and assumes the smaller; pass output_size, as the maintainer advised.</source>
      <translation>MaxUnpool2d 无法判断被池化的是哪一个，便假定为较小者；应按维护者的建议传入 output_size。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>adaptive windows overlap</source>
      <translation>自适应窗口会重叠</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>When the output size does not divide the input size, adaptive windows differ in size and overlap.
Window i covers floor(i * in / out) up to ceil((i + 1) * in / out), which the documentation did not say.</source>
      <translation>当输出大小不能整除输入大小时，自适应窗口大小不一且相互重叠。
窗口 i 覆盖 floor(i * in / out) 到 ceil((i + 1) * in / out)，而文档此前并未说明这一点。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>When the output size does not divide the input size, adaptive windows differ in size and overlap.</source>
      <translation>当输出大小不能整除输入大小时，自适应窗口大小不一且相互重叠。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Window i covers floor(i * in / out) up to ceil((i + 1) * in / out), which the documentation did not say.</source>
      <translation>窗口 i 覆盖 floor(i * in / out) 到 ceil((i + 1) * in / out)，而文档此前并未说明这一点。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>a window made of padding</source>
      <translation>完全由填充构成的窗口</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Accepted settings can put a whole dilated window in the padding: kernel 2, dilation 3, padding 1 on a 2 x 2 input.
The output is -inf; PyTorch also reports an index outside the input for it, PoolScope no chosen cell and no gradient.</source>
      <translation>被接受的设置可能让整个膨胀窗口都落在填充中：在 2 x 2 的输入上使用核大小 2、膨胀 3、填充 1。
输出为 -inf；PyTorch 还会为它报告一个输入之外的索引，PoolScope 则不选中任何单元，也不产生梯度。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>Accepted settings can put a whole dilated window in the padding: kernel 2, dilation 3, padding 1 on a 2 x 2 input.</source>
      <translation>被接受的设置可能让整个膨胀窗口都落在填充中：在 2 x 2 的输入上使用核大小 2、膨胀 3、填充 1。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The output is -inf; PyTorch also reports an index outside the input for it, PoolScope no chosen cell and no gradient.</source>
      <translation>输出为 -inf；PyTorch 还会为它报告一个输入之外的索引，PoolScope 则不选中任何单元，也不产生梯度。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>divisor_override divides the sum</source>
      <translation>divisor_override 除的是窗口和</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>AvgPool2d(2, divisor_override=2) doubles the averages of AvgPool2d(2) instead of matching it.
The override replaces the divisor of the window sum, which is the window area (4), not kernel_size (2) as the module docs said.</source>
      <translation>AvgPool2d(2, divisor_override=2) 得到的是 AvgPool2d(2) 平均值的两倍，而不是与之相同。
该覆盖值替换的是窗口和的除数，即窗口面积（4），而不是模块文档所说的 kernel_size（2）。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>AvgPool2d(2, divisor_override=2) doubles the averages of AvgPool2d(2) instead of matching it.</source>
      <translation>AvgPool2d(2, divisor_override=2) 得到的是 AvgPool2d(2) 平均值的两倍，而不是与之相同。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>The override replaces the divisor of the window sum, which is the window area (4), not kernel_size (2) as the module docs said.</source>
      <translation>该覆盖值替换的是窗口和的除数，即窗口面积（4），而不是模块文档所说的 kernel_size（2）。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>SAME_LOWER pads first</source>
      <translation>SAME_LOWER 填充在前</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX SAME_UPPER and SAME_LOWER differ only in where the odd padding cell goes, and converters have mixed them up.
SAME_UPPER adds it at the end (bottom, right), SAME_LOWER at the beginning (top, left); onnxmltools' Core ML converter had them swapped.</source>
      <translation>ONNX 的 SAME_UPPER 与 SAME_LOWER 的区别仅在于多出的奇数填充单元放在哪里，而转换器曾将二者弄混。
SAME_UPPER 将其加在末尾（下方、右侧），SAME_LOWER 加在开头（上方、左侧）；onnxmltools 的 Core ML 转换器曾把二者弄反。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>ONNX SAME_UPPER and SAME_LOWER differ only in where the odd padding cell goes, and converters have mixed them up.</source>
      <translation>ONNX 的 SAME_UPPER 与 SAME_LOWER 的区别仅在于多出的奇数填充单元放在哪里，而转换器曾将二者弄混。</translation>
    </message>
    <message>
      <location filename="gotchas" />
      <source>SAME_UPPER adds it at the end (bottom, right), SAME_LOWER at the beginning (top, left); onnxmltools' Core ML converter had them swapped.</source>
      <translation>SAME_UPPER 将其加在末尾（下方、右侧），SAME_LOWER 加在开头（上方、左侧）；onnxmltools 的 Core ML 转换器曾把二者弄反。</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>astronaut</source>
      <translation>宇航员</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>digit</source>
      <translation>手写数字</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>checkerboard</source>
      <translation>棋盘格</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>matrix</source>
      <translation>矩阵</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>matrix 6x6</source>
      <translation>矩阵 6x6</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>volume</source>
      <translation>体数据</translation>
    </message>
    <message>
      <location filename="samples" />
      <source>sequence</source>
      <translation>序列</translation>
    </message>
  </context>
</TS>
