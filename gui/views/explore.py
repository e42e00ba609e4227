"""The Explore tab: input, output and backward views side by side, and the timeline.

It draws what the pool model and the animation model hold, and turns clicks and arrow keys on
the views into model calls; it computes nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QSplitter, QVBoxLayout, QWidget

from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PARAMETERS
from engine.pooling.pipeline import placement_of, windows_reach
from gui.i18n import tr, translated
from gui.models.animation_model import AnimationModel
from gui.models.pool_model import PoolModel
from gui.qt_utils import signals_blocked
from gui.views.depth import DepthSlider
from gui.views.image_panel import ImagePanel
from gui.views.timeline import Timeline
from gui.views.try_card import TryCard

ARGMAX_COLOURS = {
    1: [QColor(255, 40, 40)],
    3: [QColor(255, 60, 60), QColor(60, 230, 60), QColor(70, 140, 255)],
}
ARROW_KEYS = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}


def with_slider(panel: QWidget, slider: QWidget) -> QWidget:
    """A view with its depth slider under it."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(panel, 1)
    layout.addWidget(slider)
    return holder


class ExplorePanel(QWidget):
    """Input, output and (backward) gradient views, the timeline, and the first-start card."""

    coverageReported = Signal(str)  # a sentence for the status bar

    def __init__(self, model: PoolModel, animation: AnimationModel, parent=None):
        super().__init__(parent)
        self.model, self.animation = model, animation
        self.physical_scale = False
        self.bars = False  # sequences drawn as bars instead of a strip of cells
        self.refit_pending = False
        self.refit_gradient_pending = False  # the third view fits its next picture
        self.placement_cache: tuple | None = None  # (result, placement) at the input's scale
        self.output_drawn: tuple | None = None  # what the output view's picture was made of
        self.try_card = TryCard()
        self.input_panel = ImagePanel(tr("Input"))
        self.output_panel = ImagePanel(tr("Output"))
        self.gradient_panel = ImagePanel(tr("Input gradient"))
        self.gradient_panel.set_colour_map("CET-D1")
        self.gradient_choice = QComboBox()
        self.gradient_choice.setObjectName("gradient_choice")
        self.gradient_choice.addItem(tr("Input gradient (backward)"), "gradient")
        self.gradient_choice.addItem(tr("Max unpooling"), "unpool")
        self.gradient_choice.setToolTip(
            tr(
                "Where the gradient went, or the output put back at its chosen cells (max "
                "pooling's unpooling)"
            )
        )
        tie = PARAMETERS["tie"]
        self.tie_rule = QComboBox()
        self.tie_rule.setObjectName("tie_rule")
        self.tie_rule.setToolTip(translated(tie.tooltip))
        for value, label in tie.choices:
            shown = tr("{setting}: {choice}").format(
                setting=translated(tie.label), choice=translated(label)
            )
            self.tie_rule.addItem(shown, value)
        self.gradient_box = QWidget()
        gradient_layout = QVBoxLayout(self.gradient_box)
        gradient_layout.setContentsMargins(0, 0, 0, 0)
        gradient_layout.addWidget(self.gradient_choice)
        gradient_layout.addWidget(self.tie_rule)
        gradient_layout.addWidget(self.gradient_panel, 1)
        self.gradient_box.setVisible(False)
        self.input_depth = DepthSlider("input_depth", tr("Input slice"))
        self.output_depth = DepthSlider("output_depth", tr("Output slice"))
        self.views = QSplitter(Qt.Orientation.Horizontal)
        self.views.setObjectName("views")
        for widget in (
            with_slider(self.input_panel, self.input_depth),
            with_slider(self.output_panel, self.output_depth),
            self.gradient_box,
        ):
            widget.setMinimumWidth(120)
            self.views.addWidget(widget)
        self.timeline = Timeline(animation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.try_card)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.timeline)

        model.imageChanged.connect(self._on_image_changed)
        model.depthChanged.connect(self._on_depth_changed)
        model.depthChanged.connect(self.update_titles)
        self.input_depth.moved.connect(model.set_depth)
        self.output_depth.moved.connect(model.set_output_depth)
        model.resultChanged.connect(self._on_result_changed)
        model.selectionChanged.connect(self._on_selection_changed)
        model.coverageChanged.connect(self._on_coverage_changed)
        model.replacingChanged.connect(self.update_titles)
        animation.stepChanged.connect(self._on_step_changed)
        animation.routingChanged.connect(self.draw_gradient_panel)
        self.gradient_choice.currentIndexChanged.connect(self._on_gradient_choice_changed)
        self.tie_rule.currentIndexChanged.connect(self._on_tie_rule_chosen)
        model.parametersChanged.connect(self.show_tie_rule)
        self.show_tie_rule()
        self.input_panel.sigCellClicked.connect(model.set_coverage_pixel)
        self.output_panel.sigCellHovered.connect(model.hover_output)
        self.output_panel.sigCellClicked.connect(self._on_output_clicked)
        for panel in (self.input_panel, self.output_panel, self.gradient_panel):
            panel.plot_widget.installEventFilter(self)

    # ----- model to view -------------------------------------------------------------------
    def sequence_style(self) -> str:
        """How the views draw the input: ``""`` (an image), ``"strip"`` or ``"bars"``."""
        if not self.model.is_sequence():
            return ""
        return "bars" if self.bars else "strip"

    def apply_sequence_style(self) -> None:
        style = self.sequence_style()
        for panel in (self.input_panel, self.output_panel, self.gradient_panel):
            panel.set_sequence_style(style)

    def set_bars(self, checked: bool) -> None:
        """Draw sequences as bars (True) or as a strip of cells with their values."""
        self.bars = bool(checked)
        self.apply_sequence_style()

    def _on_image_changed(self) -> None:
        model = self.model
        self.apply_sequence_style()
        self.refit_pending = True  # once the new result says how far its windows reach
        self.input_panel.set_reach(None)
        self.input_panel.show_array(
            model.image, model.levels, auto_range=True, display=model.input_display
        )
        self.input_panel.overlay.set_window(None)
        self.input_panel.overlay.set_marked([])
        self.update_titles()

    def _on_depth_changed(self) -> None:
        """Another slice of the volume: redraw the input where it is, and its marks."""
        model = self.model
        self.input_panel.show_array(model.image, model.levels)
        self._on_selection_changed()
        self._on_coverage_changed()
        self.show_depths()

    def show_depths(self) -> None:
        """The depth sliders of a volume (hidden for images), and the selected window's
        slices."""
        model = self.model
        if model.volume is None or model.volume_result is None:
            self.input_depth.show_depth(0, 0)
            self.output_depth.show_depth(0, 0)
            return
        depths = model.selected_depths()
        inside = [int(d) for d in depths if 0 <= d < model.volume.shape[1]]
        span = f"{inside[0]}..{inside[-1]}" if inside else tr("padding only")
        note = ""
        if model.selected is not None and model.depth in inside:
            note = tr(" (in the window: slices {slices})").format(slices=span)
        elif model.selected is not None:
            note = tr(" (outside the window: slices {slices})").format(slices=span)
        self.input_depth.show_depth(model.volume.shape[1], model.depth, note)
        self.output_depth.show_depth(model.volume_result.output.shape[1], model.output_depth)

    def update_titles(self, *_) -> None:
        """Titles in height x width, saying what is shown and whether it is being replaced."""
        model = self.model
        if model.image is None:
            return
        height, width = model.image.shape[1:]
        title = self.input_title(height, width)
        if model.scale != 1:
            title = tr("{title}, working copy at 1/{scale} of {height} x {width} (H x W)").format(
                title=title,
                scale=model.scale,
                height=height * model.scale,
                width=width * model.scale,
            )
        if model.image.shape[0] == 3:
            title = tr("{title}, numbers: red").format(title=title)
        self.input_panel.set_title(self.being_replaced(title))
        result = model.result
        if result is not None:
            out_h, out_w = result.output.shape[-2:]
            title = self.output_title(out_h, out_w, result.sequence, translated(result.kind.label))
            self.output_panel.set_title(self.being_replaced(title))

    def being_replaced(self, title: str) -> str:
        """``title``, saying so while the image is being replaced by another."""
        if not self.model.replacing:
            return title
        return tr("{title} (being replaced by {name}…)").format(
            title=title, name=self.model.replacing
        )

    def input_title(self, height: int, width: int) -> str:
        """What the input view shows: an image, a sequence or a slice of a volume."""
        model = self.model
        sequence = model.is_sequence()
        if model.volume is not None:
            depth, count = model.depth, model.volume.shape[1]
            if sequence:
                return tr("Input slice {depth} of {count}: {width} (L)").format(
                    depth=depth, count=count, width=width
                )
            return tr("Input slice {depth} of {count}: {height} x {width} (H x W)").format(
                depth=depth, count=count, height=height, width=width
            )
        if sequence:
            return tr("Sequence {width} (L)").format(width=width)
        return tr("Input {height} x {width} (H x W)").format(height=height, width=width)

    def output_title(self, height: int, width: int, sequence: bool, kind: str) -> str:
        """What the output view shows: the output (or a slice of it) and the kind."""
        model = self.model
        if model.volume_result is not None:
            depth, count = model.output_depth, model.volume_result.output.shape[1]
            if sequence:
                return tr("Output slice {depth} of {count}: {width} (L): {kind}").format(
                    depth=depth, count=count, width=width, kind=kind
                )
            return tr("Output slice {depth} of {count}: {height} x {width} (H x W): {kind}").format(
                depth=depth, count=count, height=height, width=width, kind=kind
            )
        if sequence:
            return tr("Output {width} (L): {kind}").format(width=width, kind=kind)
        return tr("Output {height} x {width} (H x W): {kind}").format(
            height=height, width=width, kind=kind
        )

    def output_placement(self):
        """Where output cells are drawn: over their windows at the input's scale (asked once
        per result), or a grid."""
        result = self.model.result
        if not self.physical_scale or result is None:
            return None
        if self.placement_cache is None or self.placement_cache[0] is not result:
            self.placement_cache = (result, placement_of(result.params, result.input_shape))
        return self.placement_cache[1]

    def _on_result_changed(self) -> None:
        result = self.model.result
        if result is None:
            self.output_panel.show_array(None, (0, 1))
            self.output_drawn = None
            return
        self.apply_sequence_style()  # a kind may pool the one row as a sequence, or not
        # The output picture itself is drawn by _on_step_changed: the animation model answers
        # every new result with stepChanged, so drawing it here too would do it twice.
        reach = windows_reach(result.params, result.input_shape)
        self.input_panel.set_reach(reach)
        self.output_panel.set_reach(reach if self.physical_scale else None)
        if self.refit_pending:
            self.refit_pending = False
            self.input_panel.fit()
        self.show_depths()
        self.input_panel.overlay.set_bins(
            result.kind.layout(result.params).overview_rects(result.params, result.input_shape)
        )
        self.update_titles()

    def _on_selection_changed(self) -> None:
        if self.animation.is_engaged():
            return  # the animation owns the overlays while stepping
        window = self.model.selected_window()
        if window is None:
            self.input_panel.overlay.set_window(None)
        else:
            channels = self.model.image.shape[0]
            colours = ARGMAX_COLOURS.get(channels, ARGMAX_COLOURS[1])
            argmax = []
            volume = self.model.volume is not None
            for channel in range(channels):
                cell = self.model.selected_argmax(channel)
                depth = self.model.selected_argmax_depth(channel) if volume else None
                if cell is not None and (not volume or depth == self.model.depth):
                    argmax.append((*cell, colours[channel % len(colours)]))
            self.input_panel.overlay.set_window(window, argmax)
        self.output_panel.overlay.set_marked(self.model.coverage, self.model.selected)
        if self.model.volume is not None:
            self.show_depths()

    def _on_coverage_changed(self) -> None:
        pixel = self.model.coverage_pixel
        self.input_panel.overlay.set_marked([pixel] if pixel else [])
        self.output_panel.overlay.set_marked(self.model.coverage, self.model.selected)
        if pixel is not None:
            count = len(self.model.coverage)
            template = (
                tr("Input pixel ({row}, {col}) feeds {count} output cell")
                if count == 1
                else tr("Input pixel ({row}, {col}) feeds {count} output cells")
            )
            self.coverageReported.emit(template.format(row=pixel[0], col=pixel[1], count=count))

    def _on_step_changed(self, *_) -> None:
        """Draw the animation state: the output with the cells not computed yet covered, the
        current window, the routed gradient. A step draws no array: the output picture is
        made once per result and placement, and the cover is at most two rectangles."""
        animation, result = self.animation, self.model.result
        engaged = animation.is_engaged()
        backward = animation.direction == "backward"
        self.gradient_box.setVisible(backward and result is not None)
        if result is None:
            return
        self.show_output()
        step = animation.current_step()
        self.output_panel.overlay.set_hidden_from(animation.cells_done() if engaged else None)
        if engaged:
            cells = [] if step is None else animation.sequence.cells_of(animation.count - 1)
            self.output_panel.overlay.set_marked(cells, None)
            if step is None:
                self.input_panel.overlay.set_window(None)
            else:
                colours = ARGMAX_COLOURS.get(self.model.image.shape[0], ARGMAX_COLOURS[1])
                argmax = [
                    (*cell, colours[channel % len(colours)])
                    for channel, cell in enumerate(step.argmax or ())
                    if cell is not None
                ]
                self.input_panel.overlay.set_window(step.window, argmax)
        else:
            self._on_selection_changed()
        if backward:
            self.draw_route(step)

    def show_output(self) -> None:
        """Draw the whole output (prepared in the worker) at its current placement, unless
        the view shows exactly that already."""
        model = self.model
        placement = self.output_placement()
        drawn = (model.result, model.output_display, placement, tuple(model.levels))
        known = self.output_drawn
        if (
            known is not None
            and known[0] is drawn[0]
            and known[1] is drawn[1]
            and known[2] is drawn[2]
            and known[3] == drawn[3]
        ):
            return
        self.output_panel.show_array(
            model.result.output, model.levels, placement, display=model.output_display
        )
        self.output_drawn = drawn

    def draw_route(self, step) -> None:
        """The current window and the arrow from it to the cell its gradient goes to."""
        route = None
        if step is not None and step.argmax and step.argmax[0] is not None:
            extent = step.window.extent
            start = QPointF(extent.left + extent.width / 2, extent.top + extent.height / 2)
            end = QPointF(step.argmax[0][1] + 0.5, step.argmax[0][0] + 0.5)
            route = (start, end)
        overlay = self.gradient_panel.overlay
        overlay.set_route(*(route or (None,)))
        overlay.set_window(None if step is None else step.window)

    def draw_gradient_panel(self) -> None:
        """The routed gradient so far (or the unpooled output) in the third view, as the
        animation model prepared it in its worker."""
        animation, panel = self.animation, self.gradient_panel
        if animation.backward_view == "unpool":
            unpooling = animation.unpooling
            if unpooling is None or unpooling.result is not self.model.result:
                return  # being prepared
            panel.overlay.set_counts(None)
            panel.overlay.set_route(None)
            if unpooling.values is None:
                panel.set_title(tr("Max unpooling needs a kind that chooses one cell"))
                panel.show_array(None, (0, 1))
                return
            panel.set_colour_map("CET-L1")
            panel.show_array(unpooling.values, unpooling.levels, display=unpooling.display)
            panel.set_title(tr("Output put back at its chosen cells, zeros elsewhere"))
        else:
            routing, problem = animation.routing, animation.backward_problem()
            if problem:
                panel.overlay.set_counts(None)
                panel.overlay.set_route(None)
                panel.show_array(None, (0, 1))
                panel.set_title(translated(problem))
                return
            if routing is None:
                return
            panel.set_colour_map("CET-D1")
            panel.show_array(routing.gradient, routing.levels, display=routing.display)
            panel.overlay.set_counts(routing.counts[0])
            panel.set_title(tr("Gradient: {count} routed so far").format(count=routing.routed))
        if self.refit_gradient_pending:
            self.refit_gradient_pending = False
            panel.fit()

    def _on_gradient_choice_changed(self, *_) -> None:
        self.refit_gradient_pending = True
        self.animation.set_backward_view(self.gradient_choice.currentData())

    def show_tie_rule(self) -> None:
        """The tie rule choice, for the kinds that have one (max pooling)."""
        params = self.model.params
        with signals_blocked(self.tie_rule):
            self.tie_rule.setCurrentIndex(max(self.tie_rule.findData(params.tie), 0))
        self.tie_rule.setVisible("tie" in kind_of(params).used(params))

    # ----- view to model -------------------------------------------------------------------
    def _on_tie_rule_chosen(self, *_) -> None:
        self.model.update_params(tie=self.tie_rule.currentData())

    def _on_output_clicked(self, row: int, col: int) -> None:
        animation = self.animation
        if animation.direction == "backward" and animation.upstream_kind == "one_hot":
            animation.set_one_hot_cell(row, col)
        self.model.select_output(row, col, pin=True)
        self.output_panel.plot_widget.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys on a view move the pinned output cell."""
        if event.type() == QEvent.Type.KeyPress and event.key() in ARROW_KEYS:
            self.model.move_selection(*ARROW_KEYS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def set_physical_scale(self, checked: bool) -> None:
        """Draw output cells over the input area their windows cover, both views linked."""
        self.physical_scale = bool(checked)
        output_view = self.output_panel.plot_item
        linked = self.input_panel.plot_item if self.physical_scale else None
        output_view.setXLink(linked)
        output_view.setYLink(linked)
        self._on_result_changed()
        self._on_step_changed()  # redraws the output, whole or partial, at the new placement
        self.fit_views()

    def fit_views(self) -> None:
        for panel in (self.input_panel, self.output_panel):
            panel.fit()
