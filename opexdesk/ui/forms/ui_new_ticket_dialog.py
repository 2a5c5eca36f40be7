# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_ticket_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_NewTicketDialog(object):
    def setupUi(self, NewTicketDialog):
        if not NewTicketDialog.objectName():
            NewTicketDialog.setObjectName(u"NewTicketDialog")
        NewTicketDialog.resize(620, 500)
        NewTicketDialog.setMinimumSize(QSize(520, 460))
        self.mainLayout = QVBoxLayout(NewTicketDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setHorizontalSpacing(10)
        self.fieldsLayout.setVerticalSpacing(8)
        self.titleLabel = QLabel(NewTicketDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.fieldsLayout.addWidget(self.titleLabel, 0, 0, 1, 1)

        self.titleEdit = QLineEdit(NewTicketDialog)
        self.titleEdit.setObjectName(u"titleEdit")

        self.fieldsLayout.addWidget(self.titleEdit, 0, 1, 1, 3)

        self.descriptionLabel = QLabel(NewTicketDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignTop)

        self.fieldsLayout.addWidget(self.descriptionLabel, 1, 0, 1, 1)

        self.descriptionEdit = QPlainTextEdit(NewTicketDialog)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setTabChangesFocus(True)

        self.fieldsLayout.addWidget(self.descriptionEdit, 1, 1, 1, 3)

        self.requesterLabel = QLabel(NewTicketDialog)
        self.requesterLabel.setObjectName(u"requesterLabel")

        self.fieldsLayout.addWidget(self.requesterLabel, 2, 0, 1, 1)

        self.requesterCombo = QComboBox(NewTicketDialog)
        self.requesterCombo.setObjectName(u"requesterCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.requesterCombo.sizePolicy().hasHeightForWidth())
        self.requesterCombo.setSizePolicy(sizePolicy)
        self.requesterCombo.setEditable(True)
        self.requesterCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.requesterCombo, 2, 1, 1, 1)

        self.siteLabel = QLabel(NewTicketDialog)
        self.siteLabel.setObjectName(u"siteLabel")

        self.fieldsLayout.addWidget(self.siteLabel, 2, 2, 1, 1)

        self.siteCombo = QComboBox(NewTicketDialog)
        self.siteCombo.setObjectName(u"siteCombo")
        sizePolicy.setHeightForWidth(self.siteCombo.sizePolicy().hasHeightForWidth())
        self.siteCombo.setSizePolicy(sizePolicy)
        self.siteCombo.setEditable(True)
        self.siteCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.siteCombo, 2, 3, 1, 1)

        self.categoryLabel = QLabel(NewTicketDialog)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.fieldsLayout.addWidget(self.categoryLabel, 3, 0, 1, 1)

        self.categoryCombo = QComboBox(NewTicketDialog)
        self.categoryCombo.setObjectName(u"categoryCombo")
        sizePolicy.setHeightForWidth(self.categoryCombo.sizePolicy().hasHeightForWidth())
        self.categoryCombo.setSizePolicy(sizePolicy)
        self.categoryCombo.setEditable(True)
        self.categoryCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.categoryCombo, 3, 1, 1, 1)

        self.groupLabel = QLabel(NewTicketDialog)
        self.groupLabel.setObjectName(u"groupLabel")

        self.fieldsLayout.addWidget(self.groupLabel, 3, 2, 1, 1)

        self.groupCombo = QComboBox(NewTicketDialog)
        self.groupCombo.setObjectName(u"groupCombo")
        sizePolicy.setHeightForWidth(self.groupCombo.sizePolicy().hasHeightForWidth())
        self.groupCombo.setSizePolicy(sizePolicy)
        self.groupCombo.setEditable(True)
        self.groupCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.groupCombo, 3, 3, 1, 1)

        self.impactLabel = QLabel(NewTicketDialog)
        self.impactLabel.setObjectName(u"impactLabel")

        self.fieldsLayout.addWidget(self.impactLabel, 5, 0, 1, 1)

        self.impactCombo = QComboBox(NewTicketDialog)
        self.impactCombo.setObjectName(u"impactCombo")

        self.fieldsLayout.addWidget(self.impactCombo, 5, 1, 1, 1)

        self.urgencyLabel = QLabel(NewTicketDialog)
        self.urgencyLabel.setObjectName(u"urgencyLabel")

        self.fieldsLayout.addWidget(self.urgencyLabel, 5, 2, 1, 1)

        self.urgencyCombo = QComboBox(NewTicketDialog)
        self.urgencyCombo.setObjectName(u"urgencyCombo")

        self.fieldsLayout.addWidget(self.urgencyCombo, 5, 3, 1, 1)

        self.assigneeLabel = QLabel(NewTicketDialog)
        self.assigneeLabel.setObjectName(u"assigneeLabel")

        self.fieldsLayout.addWidget(self.assigneeLabel, 4, 0, 1, 1)

        self.assigneeCombo = QComboBox(NewTicketDialog)
        self.assigneeCombo.setObjectName(u"assigneeCombo")
        self.assigneeCombo.setEditable(True)
        self.assigneeCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.fieldsLayout.addWidget(self.assigneeCombo, 4, 1, 1, 1)

        self.priorityLabel = QLabel(NewTicketDialog)
        self.priorityLabel.setObjectName(u"priorityLabel")
        self.priorityLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.fieldsLayout.addWidget(self.priorityLabel, 6, 1, 1, 3, Qt.AlignmentFlag.AlignLeft|Qt.AlignmentFlag.AlignVCenter)


        self.mainLayout.addLayout(self.fieldsLayout)

        self.errorLabel = QLabel(NewTicketDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setVisible(False)
        self.errorLabel.setStyleSheet(u"color: #b3261e; font-weight: bold;")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(NewTicketDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

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
        QWidget.setTabOrder(self.groupCombo, self.assigneeCombo)
        QWidget.setTabOrder(self.assigneeCombo, self.impactCombo)
        QWidget.setTabOrder(self.impactCombo, self.urgencyCombo)

        self.retranslateUi(NewTicketDialog)

        QMetaObject.connectSlotsByName(NewTicketDialog)
    # setupUi

    def retranslateUi(self, NewTicketDialog):
        NewTicketDialog.setWindowTitle(QCoreApplication.translate("NewTicketDialog", u"New ticket", None))
        self.titleLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Title", None))
        self.titleEdit.setPlaceholderText(QCoreApplication.translate("NewTicketDialog", u"What is the problem, in a few words?", None))
        self.descriptionLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Description", None))
        self.descriptionEdit.setPlaceholderText(QCoreApplication.translate("NewTicketDialog", u"Details, steps to reproduce, error messages\u2026", None))
        self.requesterLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Requester", None))
        self.siteLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Site", None))
        self.categoryLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Category", None))
        self.groupLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Group", None))
        self.impactLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Impact", None))
        self.urgencyLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Urgency", None))
        self.assigneeLabel.setText(QCoreApplication.translate("NewTicketDialog", u"&Assignee", None))
#if QT_CONFIG(tooltip)
        self.priorityLabel.setToolTip(QCoreApplication.translate("NewTicketDialog", u"Derived from impact \u00d7 urgency by the priority matrix", None))
#endif // QT_CONFIG(tooltip)
        self.priorityLabel.setText(QCoreApplication.translate("NewTicketDialog", u"Priority: P3", None))
    # retranslateUi

