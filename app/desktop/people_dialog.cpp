#include "desktop/people_dialog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rudebot {

namespace {

QString seenText(const QDateTime &t)
{
    if (!t.isValid())
        return PeopleDialog::tr("never");
    const qint64 s = t.secsTo(QDateTime::currentDateTimeUtc());
    if (s < 120)
        return PeopleDialog::tr("just now");
    if (s < 2 * 3600)
        return PeopleDialog::tr("%1 min ago").arg(s / 60);
    if (s < 2 * 86400)
        return PeopleDialog::tr("%1 h ago").arg(s / 3600);
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}

}  // namespace

PeopleDialog::PeopleDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("People"));
    setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);

    auto *newBox = new QGroupBox(tr("A link for a person"), this);
    auto *form = new QFormLayout(newBox);
    m_name = new QLineEdit(newBox);
    m_name->setPlaceholderText(tr("Their name, as you and the others will see it"));
    m_name->setMaxLength(40);
    form->addRow(tr("Name"), m_name);
    m_guest = new QCheckBox(tr("Guest: ends after 24 hours"), newBox);
    m_once = new QCheckBox(tr("For one connection only"), newBox);
    form->addRow(QString(), m_guest);
    form->addRow(QString(), m_once);
    m_make = new QPushButton(tr("Make link"), newBox);
    m_make->setEnabled(false);
    form->addRow(QString(), m_make);
    m_link = new QLineEdit(newBox);
    m_link->setReadOnly(true);
    m_link->setEchoMode(QLineEdit::Password);  // a password: copied, not shown to the room
    m_link->setPlaceholderText(tr("The new link appears here"));
    m_copy = new QPushButton(tr("Copy link"), newBox);
    m_copy->setEnabled(false);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copy);
    form->addRow(tr("Link"), linkRow);
    layout->addWidget(newBox);

    auto *listBox = new QGroupBox(tr("Paired"), this);
    auto *ll = new QVBoxLayout(listBox);
    m_people = new QTreeWidget(listBox);
    m_people->setHeaderLabels({tr("Name"), tr("Last seen"), tr("Link")});
    m_people->setRootIsDecorated(false);
    m_people->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_people->setMinimumHeight(120);
    ll->addWidget(m_people);
    m_revoke = new QPushButton(tr("Revoke"), listBox);
    m_revoke->setEnabled(false);
    m_revoke->setToolTip(tr("Their link stops working at once; everyone else stays connected."));
    auto *rr = new QHBoxLayout;
    rr->addStretch(1);
    rr->addWidget(m_revoke);
    ll->addLayout(rr);
    layout->addWidget(listBox, 1);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    connect(m_name, &QLineEdit::textChanged, this,
        [this](const QString &t) { m_make->setEnabled(!t.trimmed().isEmpty()); });
    connect(m_make, &QPushButton::clicked, this, [this] {
        emit linkRequested(
            m_name->text().trimmed(), m_guest->isChecked() ? 24 : 0, m_once->isChecked());
    });
    connect(m_people, &QTreeWidget::itemSelectionChanged, this,
        [this] { m_revoke->setEnabled(!m_people->selectedItems().isEmpty()); });
    connect(m_revoke, &QPushButton::clicked, this, [this] {
        if (const auto items = m_people->selectedItems(); !items.isEmpty())
            emit revokeRequested(items.first()->text(0));
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_link->text());
        m_message->setText(tr("Link copied. Send it to them privately: it works like a password."));
    });
}

void PeopleDialog::setPeople(const QList<PersonRow> &people)
{
    m_people->clear();
    for (const PersonRow &p : people)
        new QTreeWidgetItem(m_people, {p.name, seenText(p.lastSeen), p.terms});
    m_revoke->setEnabled(false);
}

void PeopleDialog::showLink(const QString &name, const QString &link)
{
    m_link->setText(link);
    m_copy->setEnabled(true);
    m_name->clear();
    m_guest->setChecked(false);
    m_once->setChecked(false);
    m_message->setText(
        tr("A link for %1. Send it to them privately: it works like a password.").arg(name));
}

void PeopleDialog::showProblem(const QString &message)
{
    m_message->setText(message);
}

}  // namespace rudebot
