# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'ticket_fields.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_TicketFields(object):
    def setupUi(self, TicketFields):
        if not TicketFields.objectName():
            TicketFields.setObjectName(u"TicketFields")
        TicketFields.resize(640, 360)
        self.mainLayout = QVBoxLayout(TicketFields)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(0, 0, 0, 0)
        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(10)
        self.fieldsLayout.setVerticalSpacing(6)
        self.titleLabel = QLabel(TicketFields)
        self.titleLabel.setObjectName(u"titleLabel")

        self.fieldsLayout.addWidget(self.titleLabel, 0, 0, 1, 1)

        self.titleEdit = QLineEdit(TicketFields)
        self.titleEdit.setObjectName(u"titleEdit")

        self.fieldsLayout.addWidget(self.titleEdit, 0, 1, 1, 3)

        self.descriptionLabel = QLabel(TicketFields)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)

        self.fieldsLayout.addWidget(self.descriptionLabel, 1, 0, 1, 1)

        self.descriptionEdit = QPlainTextEdit(TicketFields)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setMinimumSize(QSize(0, 70))
        self.descriptionEdit.setTabChangesFocus(True)

        self.fieldsLayout.addWidget(self.descriptionEdit, 1, 1, 1, 3)

        self.requesterLabel = QLabel(TicketFields)
        self.requesterLabel.setObjectName(u"requesterLabel")

        self.fieldsLayout.addWidget(self.requesterLabel, 2, 0, 1, 1)

        self.requesterCombo = QComboBox(TicketFields)
        self.requesterCombo.setObjectName(u"requesterCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.requesterCombo.sizePolicy().hasHeightForWidth())
        self.requesterCombo.setSizePolicy(sizePolicy)
        self.requesterCombo.setEditable(True)
        self.requesterCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.requesterCombo, 2, 1, 1, 1)

        self.siteLabel = QLabel(TicketFields)
        self.siteLabel.setObjectName(u"siteLabel")

        self.fieldsLayout.addWidget(self.siteLabel, 2, 2, 1, 1)

        self.siteCombo = QComboBox(TicketFields)
        self.siteCombo.setObjectName(u"siteCombo")
        sizePolicy.setHeightForWidth(self.siteCombo.sizePolicy().hasHeightForWidth())
        self.siteCombo.setSizePolicy(sizePolicy)
        self.siteCombo.setEditable(True)
        self.siteCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.siteCombo, 2, 3, 1, 1)

        self.categoryLabel = QLabel(TicketFields)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.fieldsLayout.addWidget(self.categoryLabel, 3, 0, 1, 1)

        self.categoryCombo = QComboBox(TicketFields)
        self.categoryCombo.setObjectName(u"categoryCombo")
        sizePolicy.setHeightForWidth(self.categoryCombo.sizePolicy().hasHeightForWidth())
        self.categoryCombo.setSizePolicy(sizePolicy)
        self.categoryCombo.setEditable(True)
        self.categoryCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.categoryCombo, 3, 1, 1, 1)

        self.groupLabel = QLabel(TicketFields)
        self.groupLabel.setObjectName(u"groupLabel")

        self.fieldsLayout.addWidget(self.groupLabel, 3, 2, 1, 1)

        self.groupCombo = QComboBox(TicketFields)
        self.groupCombo.setObjectName(u"groupCombo")
        sizePolicy.setHeightForWidth(self.groupCombo.sizePolicy().hasHeightForWidth())
        self.groupCombo.setSizePolicy(sizePolicy)
        self.groupCombo.setEditable(True)
        self.groupCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.groupCombo, 3, 3, 1, 1)

        self.impactLabel = QLabel(TicketFields)
        self.impactLabel.setObjectName(u"impactLabel")

        self.fieldsLayout.addWidget(self.impactLabel, 4, 0, 1, 1)

        self.impactCombo = QComboBox(TicketFields)
        self.impactCombo.setObjectName(u"impactCombo")
        sizePolicy.setHeightForWidth(self.impactCombo.sizePolicy().hasHeightForWidth())
        self.impactCombo.setSizePolicy(sizePolicy)

        self.fieldsLayout.addWidget(self.impactCombo, 4, 1, 1, 1)

        self.urgencyLabel = QLabel(TicketFields)
        self.urgencyLabel.setObjectName(u"urgencyLabel")

        self.fieldsLayout.addWidget(self.urgencyLabel, 4, 2, 1, 1)

        self.urgencyCombo = QComboBox(TicketFields)
        self.urgencyCombo.setObjectName(u"urgencyCombo")
        sizePolicy.setHeightForWidth(self.urgencyCombo.sizePolicy().hasHeightForWidth())
        self.urgencyCombo.setSizePolicy(sizePolicy)

        self.fieldsLayout.addWidget(self.urgencyCombo, 4, 3, 1, 1)

        self.priorityLabel = QLabel(TicketFields)
        self.priorityLabel.setObjectName(u"priorityLabel")

        self.fieldsLayout.addWidget(self.priorityLabel, 5, 0, 1, 1)

        self.priorityValue = QLabel(TicketFields)
        self.priorityValue.setObjectName(u"priorityValue")
        self.priorityValue.setText(u"P3")
        self.priorityValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fieldsLayout.addWidget(self.priorityValue, 5, 1, 1, 1, Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignVCenter)

        self.assigneeLabel = QLabel(TicketFields)
        self.assigneeLabel.setObjectName(u"assigneeLabel")

        self.fieldsLayout.addWidget(self.assigneeLabel, 5, 2, 1, 1)

        self.assigneeCombo = QComboBox(TicketFields)
        self.assigneeCombo.setObjectName(u"assigneeCombo")
        sizePolicy.setHeightForWidth(self.assigneeCombo.sizePolicy().hasHeightForWidth())
        self.assigneeCombo.setSizePolicy(sizePolicy)
        self.assigneeCombo.setEditable(True)
        self.assigneeCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.assigneeCombo, 5, 3, 1, 1)


        self.mainLayout.addLayout(self.fieldsLayout)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.errorLabel = QLabel(TicketFields)
        self.errorLabel.setObjectName(u"errorLabel")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy1.setHorizontalStretch(1)
        sizePolicy1.setVerticalStretch(0)
        sizePolicy1.setHeightForWidth(self.errorLabel.sizePolicy().hasHeightForWidth())
        self.errorLabel.setSizePolicy(sizePolicy1)
        self.errorLabel.setStyleSheet(u"color: #b3261e; font-weight: bold;")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.actionsLayout.addWidget(self.errorLabel)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.revertButton = QPushButton(TicketFields)
        self.revertButton.setObjectName(u"revertButton")

        self.actionsLayout.addWidget(self.revertButton)

        self.saveButton = QPushButton(TicketFields)
        self.saveButton.setObjectName(u"saveButton")

        self.actionsLayout.addWidget(self.saveButton)


        self.mainLayout.addLayout(self.actionsLayout)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.titleEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.requesterLabel.setBuddy(self.requesterCombo)
        self.siteLabel.setBuddy(self.siteCombo)
        self.categoryLabel.setBuddy(self.categoryCombo)
        self.groupLabel.setBuddy(self.groupCombo)
        self.impactLabel.setBuddy(self.impactCombo)
        self.urgencyLabel.setBuddy(self.urgencyCombo)
        self.assigneeLabel.setBuddy(self.assigneeCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.titleEdit, self.descriptionEdit)
        QWidget.setTabOrder(self.descriptionEdit, self.requesterCombo)
        QWidget.setTabOrder(self.requesterCombo, self.siteCombo)
        QWidget.setTabOrder(self.siteCombo, self.categoryCombo)
        QWidget.setTabOrder(self.categoryCombo, self.groupCombo)
        QWidget.setTabOrder(self.groupCombo, self.impactCombo)
        QWidget.setTabOrder(self.impactCombo, self.urgencyCombo)
        QWidget.setTabOrder(self.urgencyCombo, self.assigneeCombo)
        QWidget.setTabOrder(self.assigneeCombo, self.saveButton)
        QWidget.setTabOrder(self.saveButton, self.revertButton)

        self.retranslateUi(TicketFields)

        QMetaObject.connectSlotsByName(TicketFields)
    # setupUi

    def retranslateUi(self, TicketFields):
        self.titleLabel.setText(QCoreApplication.translate("TicketFields", u"&Title", None))
        self.descriptionLabel.setText(QCoreApplication.translate("TicketFields", u"&Description", None))
        self.requesterLabel.setText(QCoreApplication.translate("TicketFields", u"Re&quester", None))
        self.siteLabel.setText(QCoreApplication.translate("TicketFields", u"S&ite", None))
        self.categoryLabel.setText(QCoreApplication.translate("TicketFields", u"&Category", None))
        self.groupLabel.setText(QCoreApplication.translate("TicketFields", u"G&roup", None))
        self.impactLabel.setText(QCoreApplication.translate("TicketFields", u"I&mpact", None))
        self.urgencyLabel.setText(QCoreApplication.translate("TicketFields", u"&Urgency", None))
        self.priorityLabel.setText(QCoreApplication.translate("TicketFields", u"Priority", None))
#if QT_CONFIG(tooltip)
        self.priorityValue.setToolTip(QCoreApplication.translate("TicketFields", u"Derived from impact \u00d7 urgency; not edited directly", None))
#endif // QT_CONFIG(tooltip)
        self.assigneeLabel.setText(QCoreApplication.translate("TicketFields", u"&Assignee", None))
#if QT_CONFIG(tooltip)
        self.revertButton.setToolTip(QCoreApplication.translate("TicketFields", u"Discard unsaved changes", None))
#endif // QT_CONFIG(tooltip)
        self.revertButton.setText(QCoreApplication.translate("TicketFields", u"Re&vert", None))
#if QT_CONFIG(tooltip)
        self.saveButton.setToolTip(QCoreApplication.translate("TicketFields", u"Save the changed fields (Ctrl+S)", None))
#endif // QT_CONFIG(tooltip)
        self.saveButton.setText(QCoreApplication.translate("TicketFields", u"&Save", None))
        pass
    # retranslateUi

