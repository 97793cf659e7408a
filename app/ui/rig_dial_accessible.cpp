#include "ui/rig_dial_accessible.h"

#include "ui/rig_dial.h"

#include <QAccessibleWidget>

namespace rudebot {

class RigDialAccessible : public QAccessibleWidget, public QAccessibleValueInterface {
public:
    explicit RigDialAccessible(RigDial *dial) : QAccessibleWidget(dial, QAccessible::Dial) { }

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::ValueInterface)
            return static_cast<QAccessibleValueInterface *>(this);
        return QAccessibleWidget::interface_cast(type);
    }

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Value)
            return RigDial::describeAngle(dial()->targetAngle());
        return QAccessibleWidget::text(t);
    }

    QVariant currentValue() const override { return dial()->targetAngle(); }
    void setCurrentValue(const QVariant &value) override
    {
        if (dial()->isEnabled())
            dial()->requestTarget(value.toDouble());
    }
    QVariant maximumValue() const override { return dial()->maximumAngle(); }
    QVariant minimumValue() const override { return dial()->minimumAngle(); }
    QVariant minimumStepSize() const override { return 1.0; }

private:
    RigDial *dial() const { return static_cast<RigDial *>(widget()); }
};

namespace {
QAccessibleInterface *rigDialFactory(const QString &, QObject *object)
{
    if (auto *dial = qobject_cast<RigDial *>(object))
        return new RigDialAccessible(dial);
    return nullptr;
}
}  // namespace

void installRigDialAccessibility()
{
    // Qt keeps factories in a process-wide list; install ours once.
    static const bool installed = [] {
        QAccessible::installFactory(rigDialFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

void notifyRigDialValueChanged(RigDial *dial)
{
    if (!QAccessible::isActive())
        return;
    QAccessibleValueChangeEvent event(dial, dial->targetAngle());
    QAccessible::updateAccessibility(&event);
}

}  // namespace rudebot
